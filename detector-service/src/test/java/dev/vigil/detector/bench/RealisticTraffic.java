package dev.vigil.detector.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Log bodies with the key variety of real traffic, for the drain benchmark ({@link DrainBenchmark}): many accounts,
 * thousands of network interfaces, instances and principals, remote addresses from a large space, ports and domains
 * from skewed (Zipf) distributions. Deterministic for a seed; every body continues where the previous one stopped, so
 * no two records repeat. Event times are spread over the last {@code spanSeconds} before {@code now}, increasing per
 * resource.
 *
 * <p>Cardinalities ({@code resourcesPerAccount} interfaces, instances or principals per account; {@code drain.sh}
 * uses 1,000): flow records 60 % outbound, 30 % of peers private (the account's own 10.0.0.0/16), 70 % public drawn
 * from 2^26 addresses; server ports Zipf(1.2) over 24 common services, client ports ephemeral (32768-60999); 4 %
 * rejected. DNS queries Zipf(1.0) over 200,000 names (2 % NXDOMAIN). CloudTrail principals are IAM users (a third)
 * and role sessions (with their session context), each with one to three addresses and a user agent, calling
 * Zipf(1.1) over 40 APIs; events carry request parameters, responses where CloudTrail writes them, TLS details and,
 * for KMS, Secrets Manager and SSM calls, resources (since issue 26's seventh pass; before, none of these).
 */
public final class RealisticTraffic {

    private static final int[] SERVER_PORTS = {443, 80, 53, 22, 123, 3306, 5432, 8080, 6379, 8443, 25, 993, 3389,
        27017, 9200, 5672, 11211, 389, 636, 1433, 2049, 9092, 8000, 5000};
    private static final String[][] APIS = {{"ec2", "DescribeInstances"}, {"sts", "GetCallerIdentity"},
        {"s3", "ListBuckets"}, {"ec2", "DescribeSecurityGroups"}, {"iam", "GetRole"}, {"ec2", "DescribeVpcs"},
        {"logs", "DescribeLogGroups"}, {"lambda", "ListFunctions"}, {"cloudwatch", "GetMetricData"},
        {"ec2", "DescribeSubnets"}, {"kms", "Decrypt"}, {"sts", "AssumeRole"}, {"dynamodb", "DescribeTable"},
        {"ssm", "GetParameter"}, {"ecr", "GetAuthorizationToken"}, {"iam", "ListRoles"}, {"ec2", "DescribeImages"},
        {"rds", "DescribeDBInstances"}, {"s3", "GetBucketLocation"}, {"secretsmanager", "GetSecretValue"},
        {"ec2", "DescribeVolumes"}, {"iam", "ListPolicies"}, {"sns", "ListTopics"}, {"sqs", "ListQueues"},
        {"cloudformation", "DescribeStacks"}, {"elasticloadbalancing", "DescribeLoadBalancers"},
        {"autoscaling", "DescribeAutoScalingGroups"}, {"ec2", "DescribeNetworkInterfaces"}, {"iam", "GetUser"},
        {"ecs", "ListClusters"}, {"eks", "ListClusters"}, {"route53", "ListHostedZones"}, {"ec2", "DescribeTags"},
        {"ec2", "CreateTags"}, {"logs", "CreateLogStream"}, {"ssm", "PutParameter"}, {"ec2", "RunInstances"},
        {"iam", "ListAttachedRolePolicies"}, {"kms", "GenerateDataKey"}, {"config", "DescribeConfigRules"}};
    private static final String[] AGENTS = {"aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0", "Boto3/1.34.69 Python/3.11",
        "aws-sdk-java/2.25.10 Linux/6.1", "console.amazonaws.com", "Terraform/1.7.5", "aws-sdk-go-v2/1.26.0"};
    private static final String[] TLDS = {"com", "net", "org", "io", "de", "co.uk", "cloud", "dev"};

    private final List<String> accounts;
    private final long now;
    private final int spanSeconds;
    private final SplittableRandom random;
    private final Zipf serverPorts = new Zipf(SERVER_PORTS.length, 1.2);
    private final Zipf domains = new Zipf(200_000, 1.0);
    private final Zipf apis = new Zipf(APIS.length, 1.1);
    private long sequence;

    /** Traffic of {@code accounts} (12-digit IDs), times in the {@code spanSeconds} before {@code now} (epoch s). */
    public RealisticTraffic(List<String> accounts, long now, int spanSeconds, long seed) {
        this.accounts = List.copyOf(accounts);
        this.now = now;
        this.spanSeconds = spanSeconds;
        this.random = new SplittableRandom(seed);
    }

    /** Event time of the {@code i}-th of {@code n} records: increasing over the span, plus up to a minute of jitter. */
    private long time(long i, long n) {
        return now - spanSeconds + spanSeconds * i / Math.max(1, n) - random.nextInt(60);
    }

    private String account() {
        return accounts.get(random.nextInt(accounts.size()));
    }

    private String publicAddress() {
        // 2^26 addresses in 4 public /8s (not reserved, not the shipped threat lists' usual ranges)
        int[] firsts = {23, 52, 91, 151};
        int v = random.nextInt(1 << 24);
        return firsts[random.nextInt(4)] + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }

    /**
     * {@code n} default-format (version 2) flow log lines, record {@code first} onwards of a run of {@code total},
     * over {@code interfaces} interfaces per account.
     */
    public String flow(int n, long first, long total, int interfaces) {
        StringBuilder b = new StringBuilder(n * 120);
        for (int i = 0; i < n; i++) {
            String acc = account();
            int eni = random.nextInt(interfaces);
            String own = "10.0." + (eni >> 8 & 255) + "." + (eni & 255);
            String peer = random.nextInt(100) < 30 ? "10.0." + random.nextInt(16) + "." + (1 + random.nextInt(254))
                    : publicAddress();
            int service = SERVER_PORTS[serverPorts.next(random)];
            int ephemeral = 32768 + random.nextInt(28232);
            boolean outbound = random.nextInt(100) < 60;
            long t = time(first + i, total);
            int packets = 1 + (int) Math.min(5000, Math.exp(random.nextDouble() * 6));
            b.append("2 ").append(acc).append(" eni-").append(acc, 6, 12).append(String.format("%05d", eni))
                    .append(' ');
            if (outbound) {
                b.append(own).append(' ').append(peer).append(' ').append(ephemeral).append(' ').append(service);
            } else {
                b.append(peer).append(' ').append(own).append(' ').append(ephemeral).append(' ').append(service);
            }
            b.append(service == 53 || service == 123 ? " 17 " : " 6 ").append(packets).append(' ')
                    .append(packets * (60 + random.nextInt(1400))).append(' ').append(t).append(' ').append(t + 60)
                    .append(random.nextInt(100) < 4 ? " REJECT OK\n" : " ACCEPT OK\n");
        }
        return b.toString();
    }

    /** {@code n} Resolver query log JSON lines over {@code instances} instances per account. */
    public String dns(int n, long first, long total, int instances) {
        StringBuilder b = new StringBuilder(n * 420);
        for (int i = 0; i < n; i++) {
            String acc = account();
            int inst = random.nextInt(instances);
            int d = domains.next(random);
            String name = (d % 3 == 0 ? "www." : d % 3 == 1 ? "api." : "") + "site" + d + "."
                    + TLDS[d % TLDS.length] + ".";
            boolean nx = random.nextInt(100) < 2;
            long t = time(first + i, total);
            b.append("{\"version\":\"1.100000\",\"account_id\":\"").append(acc).append("\",\"region\":\"us-east-1\",")
                    .append("\"vpc_id\":\"vpc-0").append(acc, 4, 12).append("\",\"query_timestamp\":\"")
                    .append(java.time.Instant.ofEpochSecond(t)).append("\",\"query_name\":\"").append(name)
                    .append("\",\"query_type\":\"").append(random.nextInt(4) == 0 ? "AAAA" : "A")
                    .append("\",\"query_class\":\"IN\",\"rcode\":\"").append(nx ? "NXDOMAIN" : "NOERROR")
                    .append("\",\"answers\":[");
            if (!nx) {
                b.append("{\"Rdata\":\"").append(publicAddress()).append("\",\"Type\":\"A\",\"Class\":\"IN\"}");
            }
            b.append("],\"srcaddr\":\"10.0.").append(inst >> 8 & 255).append('.').append(inst & 255)
                    .append("\",\"srcport\":\"").append(32768 + random.nextInt(28232))
                    .append("\",\"transport\":\"UDP\",\"srcids\":{\"instance\":\"i-0").append(acc, 6, 12)
                    .append(String.format("%010x", inst)).append("\"}}\n");
        }
        return b.toString();
    }

    /** A CloudTrail log file of {@code n} events over {@code principals} principals per account. */
    public String cloudTrail(int n, long first, long total, int principals) {
        StringBuilder b = new StringBuilder(n * 800).append("{\"Records\":[");
        for (int i = 0; i < n; i++) {
            String acc = account();
            int p = random.nextInt(principals);
            boolean role = p % 3 != 0;
            String[] api = APIS[apis.next(random)];
            String ip = (p % 5 == 0 ? "52.94." : "91.198.") + (p >> 8 & 255) + "." + ((p & 255) ^ random.nextInt(3));
            long t = time(first + i, total);
            long id = sequence++;
            b.append(i == 0 ? "" : ",").append("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"")
                    .append(role ? "AssumedRole" : "IAMUser").append("\",\"principalId\":\"")
                    .append(role ? "AROA" : "AIDA").append(acc, 6, 12).append(String.format("%06dEXAMPLE", p));
            if (role) {
                b.append(":session-").append(p).append("\",\"arn\":\"arn:aws:sts::").append(acc)
                        .append(":assumed-role/role-").append(p % 200).append("/session-").append(p).append('"')
                        .append(",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROA")
                        .append(acc, 6, 12).append(String.format("%06dEXAMPLE", p)).append("\",\"arn\":\"arn:aws:iam::")
                        .append(acc).append(":role/role-").append(p % 200).append("\",\"accountId\":\"").append(acc)
                        .append("\",\"userName\":\"role-").append(p % 200)
                        .append("\"},\"attributes\":{\"creationDate\":\"")
                        .append(java.time.Instant.ofEpochSecond(now - spanSeconds))
                        .append("\",\"mfaAuthenticated\":\"false\"}}");
            } else {
                b.append("\",\"arn\":\"arn:aws:iam::").append(acc).append(":user/user-").append(p)
                        .append("\",\"userName\":\"user-").append(p).append('"');
            }
            b.append(",\"accountId\":\"").append(acc).append("\",\"accessKeyId\":\"")
                    .append(role ? "ASIA" : "AKIA").append(String.format("%016d", p)).append("\"},")
                    .append("\"eventTime\":\"").append(java.time.Instant.ofEpochSecond(t)).append("\",")
                    .append("\"eventSource\":\"").append(api[0]).append(".amazonaws.com\",\"eventName\":\"")
                    .append(api[1]).append("\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"").append(ip)
                    .append("\",\"userAgent\":\"").append(AGENTS[p % AGENTS.length]).append("\",");
            payloads(b, api, acc, p, id);
            b.append("\"requestID\":\"")
                    .append(String.format("%08x-0000-4000-8000-%012x", p, id)).append("\",\"eventID\":\"")
                    .append(String.format("%08x-1111-4000-8000-%012x", p, id))
                    .append("\",\"readOnly\":").append(!api[1].startsWith("Create") && !api[1].startsWith("Put")
                            && !api[1].startsWith("Run"))
                    .append(",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"")
                    .append(acc).append("\",\"eventCategory\":\"Management\",\"tlsDetails\":{"
                            + "\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\","
                            + "\"clientProvidedHostHeader\":\"")
                    .append(api[0]).append(".us-east-1.amazonaws.com\"}");
            if (api[0].equals("kms") || api[0].equals("secretsmanager") || api[0].equals("ssm")) {
                b.append(",\"resources\":[{\"accountId\":\"").append(acc).append("\",\"type\":\"AWS::KMS::Key\","
                        + "\"ARN\":\"arn:aws:kms:us-east-1:").append(acc).append(":key/")
                        .append(String.format("%08x-2222-4000-8000-%012x", p % 50, p % 50)).append("\"}]");
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    /**
     * An event's {@code requestParameters} and {@code responseElements}, shaped as CloudTrail writes them for the API:
     * a filter and a page size for Describe and List calls, a name or key for reads of one resource, none for
     * {@code GetCallerIdentity}; a response only for calls that change something (CloudTrail leaves it out for most
     * reads). A few hundred bytes, as in real trails; ends with a comma.
     */
    private static void payloads(StringBuilder b, String[] api, String acc, int p, long id) {
        String name = api[1];
        b.append("\"requestParameters\":");
        if (name.equals("GetCallerIdentity") || name.equals("GetAuthorizationToken") || name.equals("ListBuckets")) {
            b.append("null");
        } else if (name.startsWith("Describe") || name.startsWith("List") || name.equals("GetMetricData")) {
            b.append("{\"maxResults\":1000,\"filterSet\":{\"items\":[{\"name\":\"tag:team\",\"valueSet\":"
                    + "{\"items\":[{\"value\":\"team-").append(p % 20).append("\"}]}},{\"name\":\"vpc-id\","
                    + "\"valueSet\":{\"items\":[{\"value\":\"vpc-0").append(acc, 4, 12)
                    .append(String.format("%08x", p % 7))
                    .append("\"}]}}]}}");
        } else if (api[0].equals("kms")) {
            b.append("{\"keyId\":\"arn:aws:kms:us-east-1:").append(acc).append(":key/")
                    .append(String.format("%08x-2222-4000-8000-%012x", p % 50, p % 50))
                    .append("\",\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"encryptionContext\":"
                            + "{\"aws:lambda:FunctionArn\":\"arn:aws:lambda:us-east-1:").append(acc)
                    .append(":function:fn-").append(p % 30).append("\"}}");
        } else if (name.equals("AssumeRole")) {
            b.append("{\"roleArn\":\"arn:aws:iam::").append(acc).append(":role/role-").append(p % 200)
                    .append("\",\"roleSessionName\":\"session-").append(p).append("\",\"durationSeconds\":3600}");
        } else if (name.equals("RunInstances")) {
            b.append("{\"instancesSet\":{\"items\":[{\"imageId\":\"ami-0").append(String.format("%016x", p % 9))
                    .append("\",\"minCount\":1,\"maxCount\":1}]},\"instanceType\":\"t3.micro\","
                            + "\"subnetId\":\"subnet-0").append(String.format("%016x", p % 11)).append("\"}");
        } else {
            b.append("{\"name\":\"/app/service-").append(p % 50).append("/config\",\"resourceId\":\"")
                    .append(name).append('-').append(p % 100).append("\",\"withDecryption\":true}");
        }
        b.append(",\"responseElements\":");
        if (name.equals("AssumeRole")) {
            b.append("{\"credentials\":{\"accessKeyId\":\"ASIA").append(String.format("%016d", id % 10_000_000_000L))
                    .append("\",\"sessionToken\":\"IQoJb3JpZ2luX2VjEXAMPLE\","
                            + "\"expiration\":\"Dec 7, 2026, 5:00:00 AM\"},"
                            + "\"assumedRoleUser\":{\"assumedRoleId\":\"AROA").append(acc, 6, 12)
                    .append(String.format("%06dEXAMPLE", p)).append(":session-").append(p)
                    .append("\",\"arn\":\"arn:aws:sts::").append(acc).append(":assumed-role/role-").append(p % 200)
                    .append("/session-").append(p).append("\"}}");
        } else if (name.startsWith("Create") || name.startsWith("Put") || name.equals("RunInstances")) {
            b.append("{\"requestId\":\"").append(String.format("%08x-3333-4000-8000-%012x", p, id))
                    .append("\",\"_return\":true}");
        } else {
            b.append("null");
        }
        b.append(',');
    }

    /** Bodies of {@code perBody} records each, {@code total} records in all, of {@code family} (flow, dns, cloudtrail). */
    public List<String> bodies(String family, int total, int perBody, int resourcesPerAccount) {
        List<String> out = new ArrayList<>();
        for (long first = 0; first < total; first += perBody) {
            int n = (int) Math.min(perBody, total - first);
            out.add(switch (family) {
                case "flow" -> flow(n, first, total, resourcesPerAccount);
                case "dns" -> dns(n, first, total, resourcesPerAccount);
                case "cloudtrail" -> cloudTrail(n, first, total, resourcesPerAccount);
                default -> throw new IllegalArgumentException("family must be flow, dns or cloudtrail: " + family);
            });
        }
        return out;
    }

    /** Zipf-distributed ranks 0..n-1 with exponent {@code s}, by inversion of the cumulative weights. */
    static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, s);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int next(SplittableRandom r) {
            int i = java.util.Arrays.binarySearch(cumulative, r.nextDouble());
            return Math.min(cumulative.length - 1, i < 0 ? -i - 1 : i);
        }
    }
}
