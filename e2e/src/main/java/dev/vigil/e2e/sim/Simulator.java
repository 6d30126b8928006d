package dev.vigil.e2e.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.e2e.sim.Company.Instance;
import dev.vigil.e2e.sim.Company.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Generates a week of benign activity for a fictional company and, in the last hours, attack scenarios modelled on
 * GuardDuty's public tester (github.com/awslabs/amazon-guardduty-tester): VPC flow log files (S3 delivery format
 * with the header line), Route 53 Resolver query log JSON lines and CloudTrail {@code Records} files, laid out
 * like their S3 keys under {@code AWSLogs/<account>/...}, plus {@code manifest.json}.
 *
 * <p>Deterministic: the same {@link Options} (seed, end, days, attack hours, gzip) yield byte-identical files.
 * Benign data before the attack window goes into one file per account, log type and UTC day; the attack window
 * goes into hourly files holding benign and attack records together, each file sorted by time, so ingesting
 * the files in {@link Manifest#files()} order feeds every log stream chronologically.
 */
public final class Simulator {

    /**
     * The default v2 flow log fields plus {@code instance-id} (a version-3 field), the header line AWS writes at the
     * top of S3 text files: with the instance named in the log, findings name the instance as GuardDuty's do (it
     * knows the interface's instance from EC2; Vigil only from the log).
     */
    public static final String V2_HEADER =
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
            + " instance-id";
    /** The custom v5 field order used for one file (alphabetical, as a user may configure). */
    public static final String V5_CUSTOM_HEADER = "account-id action az-id bytes dstaddr dstport end flow-direction "
        + "instance-id interface-id log-status packets pkt-dst-aws-service pkt-dstaddr pkt-src-aws-service "
        + "pkt-srcaddr protocol region srcaddr srcport start sublocation-id sublocation-type subnet-id tcp-flags "
        + "traffic-path type version vpc-id";

    /** GuardDuty tester's C&C test domain. */
    public static final String C2_DOMAIN = "guarddutyc2activityb.com";
    /** A mining pool (a subdomain of minergate.com, on the public mining-pool lists). */
    public static final String MINING_DOMAIN = "xmr.pool.minergate.com";
    /** The domain the DNS exfiltration tunnels through. */
    public static final String EXFIL_DOMAIN = "cdn-sync-metrics.net";
    /** A Tor exit node from the public exit list (2024 snapshot). */
    public static final String TOR_EXIT_IP = "185.220.101.1";
    /** The host the port scan targets (scanme.nmap.org). */
    public static final String SCAN_TARGET_IP = "45.33.32.156";
    /** The attacker brute-forcing SSH on the member's bastion. */
    public static final String SSH_ATTACKER_IP = "103.99.0.122";
    /** The host the compromised build server brute-forces. */
    public static final String SSH_VICTIM_IP = "161.35.10.20";
    /** A command server only known through the uploaded threat list. */
    public static final String THREAT_LIST_IP = "91.215.85.17";
    /** Where stolen instance credentials are used from (outside AWS). */
    public static final String CRED_THIEF_IP = "146.70.199.12";
    /** A Kali Linux AWS CLI user agent, as GuardDuty's tester produces. */
    public static final String KALI_AGENT = "aws-cli/2.13.25 Python/3.11.6 Linux/6.5.0-kali3-amd64 "
        + "exe/x86_64.kali.2023 prompt/off command/iam.list-users";

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final String CLI_AGENT = "aws-cli/2.15.30 Python/3.11.8 Linux/5.15.0-1051-aws exe/x86_64.ubuntu.22";
    private static final String CONSOLE_AGENT = "AWS Internal";
    private static final String SSM_AGENT = "aws-sdk-go/1.44.302 (go1.21.8; linux; amd64) amazon-ssm-agent/3.3.40.0";
    private static final String SDK_AGENT = "aws-sdk-java/2.25.16 Linux/5.15.0-1051-aws OpenJDK_64-Bit_Server_VM/17.0.10";

    /**
     * Run options.
     *
     * @param seed        the random seed
     * @param end         end of the data (exclusive), UTC; attacks happen in the hours before it
     * @param days        days of benign history before the attack window (at least 1); benign activity goes on
     *                    through the attack window, so with the detector's default 7-day learning period a history
     *                    of 7 days makes every baseline learned when the attacks begin
     * @param attackHours length of the attack window in hours (1-24)
     * @param gzip        write every file gzip-compressed ({@code .gz})
     */
    public record Options(long seed, Instant end, int days, int attackHours, boolean gzip) {
        public Options {
            if (days < 1) {
                throw new IllegalArgumentException("days must be at least 1");
            }
            if (attackHours < 1 || attackHours > 24) {
                throw new IllegalArgumentException("attack hours must be between 1 and 24");
            }
            end = end.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    private enum Kind { FLOW, DNS, CLOUDTRAIL }

    /** One log record awaiting its file; {@code scenario} is null for benign records. */
    private record Rec(String account, Kind kind, long timeMs, long seq, String scenario, Object payload,
                       boolean v5) {
    }

    /** One flow log record (one direction of one connection, as seen on one ENI). */
    record Flow(Instance eni, String src, String dst, int srcPort, int dstPort, int protocol, long packets,
                long bytes, long startSec, long endSec, String action, boolean ingress, int tcpFlags) {
    }

    private final Options opt;
    private final Random rnd;
    private final Company co;
    private final List<Rec> recs = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    private final Instant start;
    private final Instant attackStart;
    private long seq;
    private final List<String> customerIps = new ArrayList<>();

    private Simulator(Options opt) {
        this.opt = opt;
        this.rnd = new Random(opt.seed());
        this.co = new Company(rnd);
        this.attackStart = opt.end().minus(Duration.ofHours(opt.attackHours()));
        this.start = attackStart.minus(Duration.ofDays(opt.days()));
        int[] firstOctets = {24, 67, 73, 98, 108, 174, 76, 71};
        for (int k = 0; k < 30; k++) {
            customerIps.add(firstOctets[rnd.nextInt(firstOctets.length)] + "." + (1 + rnd.nextInt(250)) + "."
                + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)));
        }
    }

    /**
     * Generates all files into {@code out} (created if missing) and writes {@code manifest.json}.
     *
     * @return the manifest that was written
     * @throws IOException if a file cannot be written
     */
    public static Manifest run(Options opt, Path out) throws IOException {
        return new Simulator(opt).generate(out);
    }

    private Manifest generate(Path out) throws IOException {
        benignFlows();
        benignDns();
        benignCloudTrail();
        List<Manifest.Scenario> scenarios = attacks();
        Map<String, List<String>> filesByScenario = new LinkedHashMap<>();
        List<String> files = write(out, filesByScenario);
        List<Manifest.Scenario> withFiles = scenarios.stream().map(s -> new Manifest.Scenario(s.id(), s.description(),
            s.account(), s.findingTypes(), s.resource(), s.minSeverity(), s.high(), s.requiresThreatList(),
            s.evidence(), filesByScenario.getOrDefault(s.id(), List.of()))).toList();
        Manifest manifest = new Manifest(opt.seed(), start.toString(), opt.end().toString(), attackStart.toString(),
            Company.REGION, Company.ADMIN_ACCOUNT, Company.MEMBER_ACCOUNT,
            List.of(THREAT_LIST_IP, SCAN_TARGET_IP, SSH_VICTIM_IP),
            "Benign baseline: " + opt.days() + " days of web, application, database, worker and build traffic for "
                + co.instances.size() + " instances (inbound HTTPS from ~30 customer addresses, internal app and "
                + "database flows, S3 and package-mirror egress), their DNS lookups of well-known domains, and "
                + "CloudTrail management events of IAM users on workdays from the office address, a CI user every "
                + "two hours and instance-role calls from the instances' own addresses. It contains no attack and "
                + "must yield no finding on its own.",
            withFiles, files);
        Files.writeString(out.resolve("manifest.json"),
            json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
        return manifest;
    }

    // ---------------------------------------------------------------- benign activity

    private void benignFlows() {
        Instance db = co.instance("db-1");
        List<Instance> apps111 = List.of(co.instance("app-1"), co.instance("app-2"), co.instance("app-3"));
        for (long t = start.getEpochSecond(); t < opt.end().getEpochSecond(); t += 600) {
            for (Instance i : co.instances) {
                switch (i.role()) {
                    case "web" -> {
                        int n = 1 + rnd.nextInt(3);
                        for (int k = 0; k < n; k++) {
                            connection(null, i, pick(customerIps), 443, 6, t, 20 + rnd.nextInt(40), null);
                        }
                        Instance app = i.account().equals(Company.ADMIN_ACCOUNT) ? pick(apps111) : co.instance("app-a");
                        connection(i, app, null, 8080, 6, t, 10 + rnd.nextInt(20), null);
                    }
                    case "app" -> {
                        if (i.account().equals(Company.ADMIN_ACCOUNT)) {
                            connection(i, db, null, 5432, 6, t, 10 + rnd.nextInt(30), null);
                        }
                        connection(i, null, "52.216." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)), 443, 6, t,
                            8 + rnd.nextInt(20), null);
                    }
                    case "worker", "build" -> {
                        connection(i, null, "52.216." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)), 443, 6, t,
                            30 + rnd.nextInt(60), null);
                        if (t % 3600 == 0) {
                            connection(i, null, rnd.nextBoolean() ? "140.82.112.3" : "91.189.91.38", 443, 6, t,
                                40 + rnd.nextInt(80), null);
                        }
                    }
                    case "bastion" -> {
                        ZonedDateTime z = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
                        if (workday(z) && z.getHour() == 9 && z.getMinute() == 0) {
                            connection(null, i, Company.OFFICE_IP, 22, 6, t, 200 + rnd.nextInt(400), null);
                        }
                    }
                    default -> { }
                }
                if (i.isPublic() && t % 86_400 == 43_200) {
                    // background internet noise: one blocked telnet attempt a day
                    flow(null, new Flow(i, randomPublicIp(), i.privateIp(), 1024 + rnd.nextInt(60000), 23, 6, 1, 40,
                        t + rnd.nextInt(500), t + 550, "REJECT", true, 2));
                }
            }
        }
    }

    /**
     * Emits one connection's flow records: request and response on the client's ENI and on the server's ENI (when
     * they are ours; an instance's flow records show its private address even when it has a public one).
     * {@code externalIp} stands for whichever side is not one of our instances.
     */
    private void connection(Instance client, Object serverOrNull, String externalIp, int port, int proto, long t,
                            int packets, String scenario) {
        Instance server = serverOrNull instanceof Instance s ? s : null;
        String clientAddr = client != null ? client.privateIp() : externalIp;
        String serverAddr = server != null ? server.privateIp() : externalIp;
        int sport = 32768 + rnd.nextInt(28000);
        long s = t + rnd.nextInt(300);
        long e = Math.min(s + 1 + rnd.nextInt(240), t + 599);
        long reqBytes = packets * (60L + rnd.nextInt(400));
        long respBytes = packets * (200L + rnd.nextInt(1200));
        if (client != null) {
            flow(scenario, new Flow(client, clientAddr, serverAddr, sport, port, proto, packets, reqBytes, s, e, "ACCEPT", false, 3));
            flow(scenario, new Flow(client, serverAddr, clientAddr, port, sport, proto, packets, respBytes, s, e, "ACCEPT", true, 19));
        }
        if (server != null) {
            flow(scenario, new Flow(server, clientAddr, serverAddr, sport, port, proto, packets, reqBytes, s, e, "ACCEPT", true, 3));
            flow(scenario, new Flow(server, serverAddr, clientAddr, port, sport, proto, packets, respBytes, s, e, "ACCEPT", false, 19));
        }
    }

    private void benignDns() {
        Map<String, List<String>> domains = ordered(
            "web", List.of("s3.amazonaws.com.", "sts.us-east-1.amazonaws.com.", "cdn.jsdelivr.net.", "www.google.com."),
            "app", List.of("s3.amazonaws.com.", "dynamodb.us-east-1.amazonaws.com.", "sqs.us-east-1.amazonaws.com.",
                "api.stripe.com.", "sts.us-east-1.amazonaws.com."),
            "db", List.of("s3.amazonaws.com.", "security.ubuntu.com.", "monitoring.us-east-1.amazonaws.com."),
            "worker", List.of("s3.amazonaws.com.", "sqs.us-east-1.amazonaws.com.", "pypi.org.", "files.pythonhosted.org."),
            "build", List.of("github.com.", "api.github.com.", "registry.npmjs.org.", "repo.maven.apache.org.",
                "ecr.us-east-1.amazonaws.com.", "archive.ubuntu.com."),
            "bastion", List.of("security.ubuntu.com.", "ssm.us-east-1.amazonaws.com.", "ec2messages.us-east-1.amazonaws.com."));
        for (long t = start.getEpochSecond(); t < opt.end().getEpochSecond(); t += 3600) {
            for (Instance i : co.instances) {
                int n = 2 + rnd.nextInt(4);
                for (int k = 0; k < n; k++) {
                    dns(null, i, t + rnd.nextInt(3600), pick(domains.get(i.role())), "A", "NOERROR");
                }
            }
        }
    }

    private void benignCloudTrail() {
        for (long t = start.getEpochSecond(); t < opt.end().getEpochSecond(); t += 1800) {
            ZonedDateTime z = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
            for (User u : co.users) {
                if (u.name().equals("ci-deploy")) {
                    if (z.getMinute() == 0 && z.getHour() % 2 == 0) {
                        long at = t + rnd.nextInt(600);
                        ct(null, at, iamUser(u), "ecr.amazonaws.com", "GetAuthorizationToken", Company.CI_IP, CLI_AGENT, ordered());
                        ct(null, at + 20, iamUser(u), "ecs.amazonaws.com", "DescribeServices", Company.CI_IP, CLI_AGENT,
                            ordered("cluster", "prod"));
                        ct(null, at + 45, iamUser(u), "ecs.amazonaws.com", "UpdateService", Company.CI_IP, CLI_AGENT,
                            ordered("cluster", "prod", "service", "web"));
                    }
                    continue;
                }
                // the first slot starts every user's baseline, whatever the day and hour: without it a history that
                // begins on a weekend would leave the users unlearned when the attack window opens
                boolean first = t == start.getEpochSecond();
                if (!first && (!workday(z) || z.getHour() < 8 || z.getHour() >= 18)) {
                    continue;
                }
                if (first || z.getHour() == 8 && z.getMinute() == 0) {
                    consoleLogin(null, t + rnd.nextInt(900), u);
                }
                if (rnd.nextInt(3) > 0) {
                    String[][] calls = {{"ec2.amazonaws.com", "DescribeInstances"}, {"s3.amazonaws.com", "ListBuckets"},
                        {"monitoring.amazonaws.com", "GetMetricData"}, {"logs.amazonaws.com", "DescribeLogGroups"},
                        {"rds.amazonaws.com", "DescribeDBInstances"}, {"ec2.amazonaws.com", "DescribeSecurityGroups"}};
                    String[] c = calls[rnd.nextInt(calls.length)];
                    ct(null, t + rnd.nextInt(1800), iamUser(u), c[0], c[1], Company.OFFICE_IP,
                        rnd.nextBoolean() ? CLI_AGENT : CONSOLE_AGENT, ordered());
                }
            }
            for (Instance i : co.instances) {
                if (i.isPublic() && !i.role().equals("build")) {
                    ct(null, t + rnd.nextInt(1800), instanceRole(i), "ssm.amazonaws.com", "UpdateInstanceInformation",
                        i.publicIp(), SSM_AGENT, ordered("instanceId", i.instanceId()));
                    if (i.role().equals("web")) {
                        ct(null, t + rnd.nextInt(1800), instanceRole(i), "ec2.amazonaws.com", "DescribeTags",
                            i.publicIp(), SDK_AGENT, ordered());
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- attacks

    private List<Manifest.Scenario> attacks() {
        List<Manifest.Scenario> out = new ArrayList<>();
        long w = attackStart.getEpochSecond();
        long span = opt.end().getEpochSecond() - w;
        // each scenario starts at a fixed fraction of the attack window and lasts at most span/20
        java.util.function.DoubleToLongFunction at = f -> w + (long) (span * f);

        Instance scanner = co.instance("app-2");
        long t = at.applyAsLong(0.03);
        Set<Integer> ports = new LinkedHashSet<>();
        for (int p = 1; p <= 1024; p++) {
            if (rnd.nextInt(4) > 0) {
                ports.add(p);
            }
        }
        int k = 0;
        for (int p : ports) {
            long s = t + k++ / 20;
            boolean open = p == 22 || p == 80 || p == 443;
            flow("port-scan", new Flow(scanner, scanner.privateIp(), SCAN_TARGET_IP, 40000 + rnd.nextInt(20000), p, 6,
                1, 44, s, s + 1, "ACCEPT", false, 2));
            flow("port-scan", new Flow(scanner, SCAN_TARGET_IP, scanner.privateIp(), p, 40000, 6, 1, open ? 44 : 40,
                s, s + 1, "ACCEPT", true, open ? 18 : 20));
        }
        out.add(scenario("port-scan", "app-2 scans " + ports.size() + " TCP ports of " + SCAN_TARGET_IP + " in a minute",
            Company.ADMIN_ACCOUNT, List.of("Recon:EC2/Portscan"), instanceResource(scanner), 4.0,
            ordered("remoteIp", SCAN_TARGET_IP, "distinctPorts", ports.size())));

        Instance bastion = co.instance("bastion-a");
        t = at.applyAsLong(0.09);
        int attempts = 240;
        for (int n = 0; n < attempts; n++) {
            long s = t + n * 3L;
            int sport = 30000 + rnd.nextInt(30000);
            boolean rejected = n % 5 == 4;
            flow("ssh-brute-force-in", new Flow(bastion, SSH_ATTACKER_IP, bastion.privateIp(), sport, 22, 6,
                rejected ? 1 : 12 + rnd.nextInt(8), rejected ? 60 : 2200 + rnd.nextInt(900), s, s + 2,
                rejected ? "REJECT" : "ACCEPT", true, rejected ? 2 : 27));
            if (!rejected) {
                flow("ssh-brute-force-in", new Flow(bastion, bastion.privateIp(), SSH_ATTACKER_IP, 22, sport, 6,
                    10 + rnd.nextInt(8), 2600 + rnd.nextInt(900), s, s + 2, "ACCEPT", false, 27));
            }
        }
        out.add(scenario("ssh-brute-force-in", SSH_ATTACKER_IP + " makes " + attempts
                + " SSH attempts against the member's bastion-a in 12 minutes",
            Company.MEMBER_ACCOUNT, List.of("UnauthorizedAccess:EC2/SSHBruteForce"), instanceResource(bastion), 1.0,
            ordered("remoteIp", SSH_ATTACKER_IP, "port", 22, "attempts", attempts)));

        Instance build = co.instance("build-1");
        t = at.applyAsLong(0.16);
        for (int n = 0; n < attempts; n++) {
            long s = t + n * 3L;
            int sport = 30000 + rnd.nextInt(30000);
            flow("ssh-brute-force-out", new Flow(build, build.privateIp(), SSH_VICTIM_IP, sport, 22, 6,
                12 + rnd.nextInt(8), 2200 + rnd.nextInt(900), s, s + 2, "ACCEPT", false, 27));
            flow("ssh-brute-force-out", new Flow(build, SSH_VICTIM_IP, build.privateIp(), 22, sport, 6,
                10 + rnd.nextInt(8), 2600 + rnd.nextInt(900), s, s + 2, "ACCEPT", true, 27));
        }
        out.add(scenario("ssh-brute-force-out", "build-1 makes " + attempts + " outbound SSH attempts against "
                + SSH_VICTIM_IP, Company.ADMIN_ACCOUNT, List.of("UnauthorizedAccess:EC2/SSHBruteForce"),
            instanceResource(build), 7.0, ordered("remoteIp", SSH_VICTIM_IP, "port", 22, "attempts", attempts)));

        Instance web2 = co.instance("web-2");
        t = at.applyAsLong(0.22);
        int sources = 25;
        for (int n = 0; n < sources; n++) {
            String src = "89.248." + (160 + n % 8) + "." + (10 + n * 7);
            long s = t + n * 20L;
            int sport = 30000 + rnd.nextInt(30000);
            flow("port-probe", new Flow(web2, src, web2.privateIp(), sport, 3306, 6, 3, 180, s, s + 1, "ACCEPT", true, 2));
            flow("port-probe", new Flow(web2, web2.privateIp(), src, 3306, sport, 6, 2, 112, s, s + 1, "ACCEPT", false, 18));
        }
        out.add(scenario("port-probe", sources + " internet sources probe web-2's open MySQL port 3306",
            Company.ADMIN_ACCOUNT, List.of("Recon:EC2/PortProbeUnprotectedPort"), instanceResource(web2), 1.0,
            ordered("port", 3306, "distinctSources", sources)));

        Instance app1 = co.instance("app-1");
        t = at.applyAsLong(0.28);
        for (int n = 0; n < 6; n++) {
            dns("c2-dns", app1, t + n * 30L, C2_DOMAIN + ".", "A", "NOERROR");
        }
        out.add(scenario("c2-dns", "app-1 resolves the C&C test domain " + C2_DOMAIN, Company.ADMIN_ACCOUNT,
            List.of("Backdoor:EC2/C&CActivity.B!DNS"), instanceResource(app1), 7.0, ordered("domain", C2_DOMAIN)));

        Instance worker1 = co.instance("worker-1");
        t = at.applyAsLong(0.32);
        for (int n = 0; n < 6; n++) {
            dns("mining-dns", worker1, t + n * 40L, MINING_DOMAIN + ".", "A", "NOERROR");
        }
        out.add(scenario("mining-dns", "worker-1 resolves the mining pool " + MINING_DOMAIN, Company.ADMIN_ACCOUNT,
            List.of("CryptoCurrency:EC2/BitcoinTool.B!DNS"), instanceResource(worker1), 7.0,
            ordered("domain", MINING_DOMAIN)));

        Instance db1 = co.instance("db-1");
        t = at.applyAsLong(0.38);
        int exfilQueries = 200;
        for (int n = 0; n < exfilQueries; n++) {
            String label = base32(rnd, 56);
            dns("dns-exfil", db1, t + n * 2L, label + "." + String.format("%04d", n) + "." + EXFIL_DOMAIN + ".",
                "TXT", "NXDOMAIN");
        }
        out.add(scenario("dns-exfil", "db-1 sends " + exfilQueries + " queries with 56-character encoded labels under "
                + EXFIL_DOMAIN, Company.ADMIN_ACCOUNT, List.of("Trojan:EC2/DNSDataExfiltration"),
            instanceResource(db1), 7.0, ordered("domain", EXFIL_DOMAIN, "queries", exfilQueries, "minLabelLength", 56)));

        Instance worker2 = co.instance("worker-2");
        t = at.applyAsLong(0.45);
        Set<String> dga = new LinkedHashSet<>();
        String[] tlds = {"com", "net", "org", "info", "biz"};
        while (dga.size() < 40) {
            dga.add(randomLetters(rnd, 12 + rnd.nextInt(8)) + "." + tlds[rnd.nextInt(tlds.length)]);
        }
        k = 0;
        for (String d : dga) {
            dns("dga", worker2, t + k++ * 3L, d + ".", "A", "NXDOMAIN");
        }
        out.add(scenario("dga", "worker-2 queries " + dga.size() + " algorithmically generated domains (NXDOMAIN)",
            Company.ADMIN_ACCOUNT, List.of("Trojan:EC2/DGADomainRequest.C!DNS", "Trojan:EC2/DGADomainRequest.B"),
            instanceResource(worker2), 7.0, ordered("distinctDomains", dga.size())));

        Instance app3 = co.instance("app-3");
        t = at.applyAsLong(0.52);
        for (int n = 0; n < 4; n++) {
            connection(app3, null, TOR_EXIT_IP, 9001, 6, t + n * 60L, 30 + rnd.nextInt(30), "tor");
        }
        out.add(scenario("tor", "app-3 connects to the Tor exit node " + TOR_EXIT_IP + " on port 9001",
            Company.ADMIN_ACCOUNT, List.of("UnauthorizedAccess:EC2/TorClient"), instanceResource(app3), 7.0,
            ordered("remoteIp", TOR_EXIT_IP, "port", 9001)));

        t = at.applyAsLong(0.56);
        for (int n = 0; n < 3; n++) {
            connection(app1, null, THREAT_LIST_IP, 443, 6, t + n * 120L, 10 + rnd.nextInt(10), "threat-list-ip");
        }
        out.add(new Manifest.Scenario("threat-list-ip", "app-1 connects to " + THREAT_LIST_IP
                + ", an address on the administrator's uploaded threat list", Company.ADMIN_ACCOUNT,
            List.of("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom"), instanceResource(app1), 4.0, false, true,
            ordered("remoteIp", THREAT_LIST_IP), List.of()));

        User alice = co.user("alice");
        t = at.applyAsLong(0.60);
        ct("stop-logging", t, iamUser(alice), "cloudtrail.amazonaws.com", "StopLogging", Company.OFFICE_IP, CLI_AGENT,
            ordered("name", "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"));
        out.add(scenario("stop-logging", "alice stops the org-trail CloudTrail trail", Company.ADMIN_ACCOUNT,
            List.of("Stealth:IAMUser/CloudTrailLoggingDisabled"), keyResource(alice.name(), alice.accessKeyId()), 1.0,
            ordered("eventName", "StopLogging")));

        User bob = co.user("bob");
        t = at.applyAsLong(0.64);
        Map<String, Object> weak = new LinkedHashMap<>();
        weak.put("minimumPasswordLength", 6);
        weak.put("requireSymbols", false);
        weak.put("requireNumbers", false);
        weak.put("requireUppercaseCharacters", false);
        weak.put("requireLowercaseCharacters", false);
        weak.put("allowUsersToChangePassword", true);
        weak.put("maxPasswordAge", 0);
        weak.put("passwordReusePrevention", 0);
        ct("password-policy", t, iamUser(bob), "iam.amazonaws.com", "UpdateAccountPasswordPolicy", Company.OFFICE_IP,
            CLI_AGENT, weak);
        ct("password-policy", t + 90, iamUser(bob), "iam.amazonaws.com", "DeleteAccountPasswordPolicy",
            Company.OFFICE_IP, CLI_AGENT, ordered());
        out.add(scenario("password-policy", "bob weakens (minimum length 6, no complexity) then deletes the account "
                + "password policy", Company.ADMIN_ACCOUNT, List.of("Stealth:IAMUser/PasswordPolicyChange"),
            keyResource(bob.name(), bob.accessKeyId()), 1.0,
            ordered("eventNames", List.of("UpdateAccountPasswordPolicy", "DeleteAccountPasswordPolicy"))));

        User dev222 = co.user("dev-222");
        t = at.applyAsLong(0.68);
        String kaliIp = "193.42.33." + (10 + rnd.nextInt(200));
        String[][] kaliCalls = {{"iam.amazonaws.com", "ListUsers"}, {"iam.amazonaws.com", "ListRoles"},
            {"sts.amazonaws.com", "GetCallerIdentity"}, {"s3.amazonaws.com", "ListBuckets"}};
        k = 0;
        for (String[] c : kaliCalls) {
            ct("kali", t + k++ * 15L, iamUser(dev222), c[0], c[1], kaliIp, KALI_AGENT, ordered());
        }
        out.add(scenario("kali", "dev-222's access key is used from a Kali Linux machine", Company.MEMBER_ACCOUNT,
            List.of("PenTest:IAMUser/KaliLinux"), keyResource(dev222.name(), dev222.accessKeyId()), 4.0,
            ordered("userAgentContains", "kali", "calls", kaliCalls.length)));

        t = at.applyAsLong(0.72);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("type", "Root");
        root.put("principalId", Company.MEMBER_ACCOUNT);
        root.put("arn", "arn:aws:iam::" + Company.MEMBER_ACCOUNT + ":root");
        root.put("accountId", Company.MEMBER_ACCOUNT);
        root.put("accessKeyId", "");
        Map<String, Object> login = ctRecord(t, root, "signin.amazonaws.com", "ConsoleLogin", Company.OFFICE_IP,
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", null);
        login.put("eventType", "AwsConsoleSignIn");
        login.put("responseElements", ordered("ConsoleLogin", "Success"));
        login.put("additionalEventData", ordered("LoginTo", "https://console.aws.amazon.com/console/home",
            "MobileVersion", "No", "MFAUsed", "No"));
        add("root", Company.MEMBER_ACCOUNT, Kind.CLOUDTRAIL, t, login);
        Map<String, Object> rootKey = new LinkedHashMap<>(root);
        rootKey.put("accessKeyId", "ASIA" + Company.upper(rnd, 16));
        ct("root", t + 60, rootKey, "iam.amazonaws.com", "CreateAccessKey", Company.OFFICE_IP, CONSOLE_AGENT, ordered());
        out.add(scenario("root", "the member account's root user signs in and creates an access key",
            Company.MEMBER_ACCOUNT, List.of("Policy:IAMUser/RootCredentialUsage"),
            ordered("resourceType", "AccessKey", "userName", "Root"), 1.0, ordered("identityType", "Root")));

        Instance web1 = co.instance("web-1");
        t = at.applyAsLong(0.76);
        String[][] stolen = {{"sts.amazonaws.com", "GetCallerIdentity"}, {"s3.amazonaws.com", "ListBuckets"},
            {"ec2.amazonaws.com", "DescribeInstances"}, {"iam.amazonaws.com", "ListAttachedRolePolicies"}};
        k = 0;
        for (String[] c : stolen) {
            ct("instance-credential-exfiltration", t + k++ * 40L, instanceRole(web1), c[0], c[1], CRED_THIEF_IP,
                "python-requests/2.31.0", ordered());
        }
        out.add(scenario("instance-credential-exfiltration", "web-1's instance-role credentials (web-role) are used "
                + "from " + CRED_THIEF_IP + ", outside AWS", Company.ADMIN_ACCOUNT,
            List.of("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"),
            keyResource("web-role", web1.accessKeyId()), 7.0,
            ordered("sourceIp", CRED_THIEF_IP, "accessKeyId", web1.accessKeyId(), "calls", stolen.length)));

        User dana = co.user("dana");
        t = at.applyAsLong(0.82);
        String[][] disco = {
            {"iam", "ListUsers"}, {"iam", "ListRoles"}, {"iam", "ListPolicies"}, {"iam", "ListGroups"},
            {"iam", "GetAccountAuthorizationDetails"}, {"iam", "ListAccessKeys"}, {"iam", "GetAccountSummary"},
            {"ec2", "DescribeInstances"}, {"ec2", "DescribeSecurityGroups"}, {"ec2", "DescribeVpcs"},
            {"ec2", "DescribeSubnets"}, {"ec2", "DescribeKeyPairs"}, {"ec2", "DescribeSnapshots"},
            {"s3", "ListBuckets"}, {"s3", "GetBucketPolicy"}, {"s3", "GetBucketAcl"}, {"lambda", "ListFunctions20150331"},
            {"rds", "DescribeDBInstances"}, {"secretsmanager", "ListSecrets"}, {"ssm", "DescribeParameters"},
            {"kms", "ListKeys"}, {"cloudtrail", "DescribeTrails"}, {"guardduty", "ListDetectors"},
            {"organizations", "DescribeOrganization"}, {"sts", "GetCallerIdentity"}};
        String discoIp = "5.188.206." + (10 + rnd.nextInt(200));
        k = 0;
        for (int round = 0; round < 2; round++) {
            for (String[] c : disco) {
                ct("discovery-burst", t + k++ * 4L, iamUser(dana), c[0] + ".amazonaws.com", c[1], discoIp,
                    "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.12.2", ordered());
            }
        }
        out.add(scenario("discovery-burst", "dana's key calls " + disco.length + " different List/Describe/Get APIs "
                + "twice within four minutes from a never-seen address", Company.ADMIN_ACCOUNT,
            List.of("Discovery:IAMUser/AnomalousBehavior"), keyResource(dana.name(), dana.accessKeyId()), 1.0,
            ordered("distinctApis", disco.length, "sourceIp", discoIp)));
        return out;
    }

    // ---------------------------------------------------------------- record builders

    private void flow(String scenario, Flow f) {
        recs.add(new Rec(f.eni().account(), Kind.FLOW, f.endSec() * 1000, seq++, scenario, f, false));
    }

    private void dns(String scenario, Instance i, long epochSec, String name, String type, String rcode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "1.100000");
        m.put("account_id", i.account());
        m.put("region", Company.REGION);
        m.put("vpc_id", i.vpcId());
        m.put("query_timestamp", Instant.ofEpochSecond(epochSec).toString());
        m.put("query_name", name);
        m.put("query_type", type);
        m.put("query_class", "IN");
        m.put("rcode", rcode);
        List<Map<String, String>> answers = new ArrayList<>();
        if (rcode.equals("NOERROR")) {
            int h = Math.abs(name.hashCode());
            answers.add(ordered("Rdata", (h % 200 + 13) + "." + (h / 7 % 256) + "." + (h / 11 % 256) + "." + (h / 13 % 250 + 1),
                "Type", "A", "Class", "IN"));
        }
        m.put("answers", answers);
        m.put("srcaddr", i.privateIp());
        m.put("srcport", String.valueOf(32768 + rnd.nextInt(28000)));
        m.put("transport", "UDP");
        m.put("srcids", ordered("instance", i.instanceId()));
        add(scenario, i.account(), Kind.DNS, epochSec * 1000, m);
    }

    private void consoleLogin(String scenario, long epochSec, User u) {
        Map<String, Object> r = ctRecord(epochSec, iamUser(u), "signin.amazonaws.com", "ConsoleLogin",
            Company.OFFICE_IP, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 Safari/605.1.15", null);
        r.put("eventType", "AwsConsoleSignIn");
        r.put("responseElements", ordered("ConsoleLogin", "Success"));
        r.put("additionalEventData", ordered("MobileVersion", "No", "MFAUsed", "Yes"));
        add(scenario, u.account(), Kind.CLOUDTRAIL, epochSec * 1000, r);
    }

    private void ct(String scenario, long epochSec, Map<String, Object> identity, String source, String name,
                    String ip, String agent, Map<String, Object> params) {
        Map<String, Object> r = ctRecord(epochSec, identity, source, name, ip, agent, params);
        add(scenario, (String) identity.get("accountId"), Kind.CLOUDTRAIL, epochSec * 1000, r);
    }

    private Map<String, Object> ctRecord(long epochSec, Map<String, Object> identity, String source, String name,
                                         String ip, String agent, Map<String, Object> params) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("eventVersion", "1.09");
        r.put("userIdentity", identity);
        r.put("eventTime", Instant.ofEpochSecond(epochSec).toString());
        r.put("eventSource", source);
        r.put("eventName", name);
        r.put("awsRegion", Company.REGION);
        r.put("sourceIPAddress", ip);
        r.put("userAgent", agent);
        r.put("requestParameters", params == null || params.isEmpty() ? null : new TreeMap<>(params));
        r.put("responseElements", null);
        r.put("requestID", uuid());
        r.put("eventID", uuid());
        r.put("readOnly", name.startsWith("Describe") || name.startsWith("List") || name.startsWith("Get"));
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", identity.get("accountId"));
        r.put("eventCategory", "Management");
        return r;
    }

    private Map<String, Object> iamUser(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "IAMUser");
        m.put("principalId", u.principalId());
        m.put("arn", u.arn());
        m.put("accountId", u.account());
        m.put("accessKeyId", u.accessKeyId());
        m.put("userName", u.name());
        return m;
    }

    private Map<String, Object> instanceRole(Instance i) {
        String role = Company.roleName(i);
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("type", "Role");
        issuer.put("principalId", i.roleId());
        issuer.put("arn", "arn:aws:iam::" + i.account() + ":role/" + role);
        issuer.put("accountId", i.account());
        issuer.put("userName", role);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("sessionIssuer", issuer);
        ctx.put("attributes", ordered("creationDate", start.toString(), "mfaAuthenticated", "false"));
        ctx.put("ec2RoleDelivery", "2.0");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "AssumedRole");
        m.put("principalId", i.roleId() + ":" + i.instanceId());
        m.put("arn", "arn:aws:sts::" + i.account() + ":assumed-role/" + role + "/" + i.instanceId());
        m.put("accountId", i.account());
        m.put("accessKeyId", i.accessKeyId());
        m.put("sessionContext", ctx);
        return m;
    }

    private void add(String scenario, String account, Kind kind, long timeMs, Object payload) {
        recs.add(new Rec(account, kind, timeMs, seq++, scenario, payload, false));
    }

    private static Manifest.Scenario scenario(String id, String description, String account, List<String> types,
                                              Map<String, String> resource, double minSeverity,
                                              Map<String, Object> evidence) {
        return new Manifest.Scenario(id, description, account, types, resource, minSeverity, minSeverity >= 7.0,
            false, new TreeMap<>(evidence), List.of());
    }

    private static Map<String, String> instanceResource(Instance i) {
        return ordered("resourceType", "Instance", "instanceId", i.instanceId());
    }

    private static Map<String, String> keyResource(String userName, String accessKeyId) {
        return ordered("resourceType", "AccessKey", "userName", userName, "accessKeyId", accessKeyId);
    }

    // ---------------------------------------------------------------- files

    /** The key a record's file is chosen by: account, kind and chunk start (UTC day, or hour in the attack window). */
    private record FileKey(long chunkStartSec, String account, Kind kind) {
    }

    private List<String> write(Path out, Map<String, List<String>> filesByScenario) throws IOException {
        Map<FileKey, List<Rec>> byFile = new TreeMap<>(Comparator.comparingLong(FileKey::chunkStartSec)
            .thenComparing(FileKey::account).thenComparing(FileKey::kind));
        for (Rec r : recs) {
            if (r.timeMs() >= opt.end().toEpochMilli() || r.timeMs() < start.toEpochMilli()) {
                continue;
            }
            long sec = r.timeMs() / 1000;
            long chunk = sec >= attackStart.getEpochSecond()
                ? Math.max(sec - Math.floorMod(sec, 3600), attackStart.getEpochSecond())
                : Math.max(sec - Math.floorMod(sec, 86_400), start.getEpochSecond());
            byFile.computeIfAbsent(new FileKey(chunk, r.account(), r.kind()), x -> new ArrayList<>()).add(r);
        }
        List<String> files = new ArrayList<>();
        boolean v5Written = false;
        for (Map.Entry<FileKey, List<Rec>> e : byFile.entrySet()) {
            FileKey key = e.getKey();
            List<Rec> list = e.getValue();
            list.sort(Comparator.comparingLong(Rec::timeMs).thenComparingLong(Rec::seq));
            boolean v5 = false;
            if (key.kind() == Kind.FLOW && !v5Written && key.account().equals(Company.MEMBER_ACCOUNT)) {
                v5 = true;
                v5Written = true;
            }
            String rel = relativePath(key, v5);
            byte[] body = render(key.kind(), list, v5);
            Path file = out.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, opt.gzip() ? gzip(body) : body);
            files.add(rel);
            for (Rec r : list) {
                if (r.scenario() != null) {
                    List<String> fs = filesByScenario.computeIfAbsent(r.scenario(), x -> new ArrayList<>());
                    if (!fs.contains(rel)) {
                        fs.add(rel);
                    }
                }
            }
        }
        return files;
    }

    private String relativePath(FileKey key, boolean v5) {
        Instant t = Instant.ofEpochSecond(key.chunkStartSec());
        String stamp = FILE_TIME.format(t);
        String day = DAY_PATH.format(t);
        String acct = key.account();
        String vpc = acct.equals(Company.ADMIN_ACCOUNT) ? co.vpc111 : co.vpc222;
        String hash = String.format("%08x", (acct + key.kind() + key.chunkStartSec() + opt.seed()).hashCode());
        String gz = opt.gzip() ? ".gz" : "";
        return switch (key.kind()) {
            case FLOW -> "AWSLogs/" + acct + "/vpcflowlogs/" + Company.REGION + "/" + day + "/" + acct + "_vpcflowlogs_"
                + Company.REGION + "_fl-" + vpc.substring(4) + "_" + stamp + "_" + hash + (v5 ? "_v5" : "") + ".log" + gz;
            case DNS -> "AWSLogs/" + acct + "/vpcdnsquerylogs/" + vpc + "/" + day + "/" + acct + "_vpcdnsquerylogs_"
                + vpc + "_" + stamp + "_" + hash + ".log" + gz;
            case CLOUDTRAIL -> "AWSLogs/" + acct + "/CloudTrail/" + Company.REGION + "/" + day + "/" + acct
                + "_CloudTrail_" + Company.REGION + "_" + stamp + "_" + hash + ".json" + gz;
        };
    }

    private byte[] render(Kind kind, List<Rec> list, boolean v5) throws JsonProcessingException {
        StringBuilder b = new StringBuilder();
        switch (kind) {
            case FLOW -> {
                b.append(v5 ? V5_CUSTOM_HEADER : V2_HEADER).append('\n');
                for (Rec r : list) {
                    b.append(v5 ? v5Line((Flow) r.payload()) : v2Line((Flow) r.payload())).append('\n');
                }
            }
            case DNS -> {
                for (Rec r : list) {
                    b.append(json.writeValueAsString(r.payload())).append('\n');
                }
            }
            case CLOUDTRAIL -> {
                List<Object> records = list.stream().map(Rec::payload).toList();
                b.append(json.writeValueAsString(ordered("Records", records))).append('\n');
            }
            default -> throw new IllegalStateException();
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A flow log line in {@link #V2_HEADER} order (default fields, then the instance). */
    static String v2Line(Flow f) {
        return String.join(" ", "3", f.eni().account(), f.eni().eni(), f.src(), f.dst(), String.valueOf(f.srcPort()),
            String.valueOf(f.dstPort()), String.valueOf(f.protocol()), String.valueOf(f.packets()),
            String.valueOf(f.bytes()), String.valueOf(f.startSec()), String.valueOf(f.endSec()), f.action(), "OK",
            f.eni().instanceId());
    }

    /** A flow log line in {@link #V5_CUSTOM_HEADER} order. */
    static String v5Line(Flow f) {
        Instance i = f.eni();
        boolean external = !f.src().startsWith("10.") && !f.src().startsWith("172.31.")
            || !f.dst().startsWith("10.") && !f.dst().startsWith("172.31.");
        String trafficPath = f.ingress() ? "-" : external ? "8" : "1";
        return String.join(" ", i.account(), f.action(), "use1-az1", String.valueOf(f.bytes()), f.dst(),
            String.valueOf(f.dstPort()), String.valueOf(f.endSec()), f.ingress() ? "ingress" : "egress",
            i.instanceId(), i.eni(), "OK", String.valueOf(f.packets()), "-", f.dst(), "-", f.src(),
            String.valueOf(f.protocol()), Company.REGION, f.src(), String.valueOf(f.srcPort()),
            String.valueOf(f.startSec()), "-", "-", i.subnetId(), String.valueOf(f.tcpFlags()), trafficPath, "IPv4",
            "5", i.vpcId());
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4 + 64);
        try (OutputStream z = new GZIPOutputStream(bytes)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * An insertion-ordered map of alternating keys and values. Payloads never use {@code Map.of}, whose iteration
     * order changes from one JVM run to the next and would break byte-identical output.
     */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> ordered(Object... keyValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], (V) keyValues[i + 1]);
        }
        return m;
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private String randomPublicIp() {
        return (45 + rnd.nextInt(100)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }

    private String uuid() {
        long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    private static boolean workday(ZonedDateTime z) {
        return z.getDayOfWeek().getValue() <= 5;
    }

    private static String base32(Random rnd, int n) {
        return Company.upper(rnd, n).toLowerCase(java.util.Locale.ROOT);
    }

    private static String randomLetters(Random rnd, int n) {
        String consonantHeavy = "bcdfghjklmnpqrstvwxzaeiouy";
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(consonantHeavy.charAt(rnd.nextInt(consonantHeavy.length())));
        }
        return b.toString();
    }
}
