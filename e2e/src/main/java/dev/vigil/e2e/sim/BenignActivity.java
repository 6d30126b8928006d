package dev.vigil.e2e.sim;

import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company.User;
import dev.vigil.e2e.sim.records.Flow;
import dev.vigil.e2e.sim.records.LogRecords;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The company's everyday activity over the whole run (history and attack window): web, application, database,
 * worker and build traffic with ~30 customer addresses, the instances' DNS lookups of well-known domains, and
 * CloudTrail management events of IAM users on workdays, a CI user every two hours and the instances' roles. It
 * holds no attack indicator, so on its own it must yield no finding.
 */
final class BenignActivity {
    private static final String SSM_AGENT = "aws-sdk-go/1.44.302 (go1.21.8; linux; amd64) amazon-ssm-agent/3.3.40.0";
    private static final String SDK_AGENT = "aws-sdk-java/2.25.16 Linux/5.15.0-1051-aws OpenJDK_64-Bit_Server_VM/17.0.10";

    private final Company co;
    private final Random rnd;
    private final LogRecords logs;
    private final long start;
    private final long end;
    private final List<String> customerIps = new ArrayList<>();

    /** Draws the customers' addresses from {@code rnd} (right after the company's identifiers). */
    BenignActivity(Company co, Random rnd, LogRecords logs, Instant start, Instant end) {
        this.co = co;
        this.rnd = rnd;
        this.logs = logs;
        this.start = start.getEpochSecond();
        this.end = end.getEpochSecond();
        int[] firstOctets = {24, 67, 73, 98, 108, 174, 76, 71};
        for (int k = 0; k < 30; k++) {
            customerIps.add(firstOctets[rnd.nextInt(firstOctets.length)] + "." + (1 + rnd.nextInt(250)) + "."
                + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)));
        }
    }

    /** Adds the flows, then the DNS lookups, then the CloudTrail events of the whole run. */
    void generate() {
        flows();
        dns();
        cloudTrail();
    }

    private void flows() {
        Instance db = co.instance("db-1");
        List<Instance> apps111 = List.of(co.instance("app-1"), co.instance("app-2"), co.instance("app-3"));
        for (long t = start; t < end; t += 600) {
            for (Instance i : co.instances()) {
                switch (i.role()) {
                    case "web" -> {
                        int n = 1 + rnd.nextInt(3);
                        for (int k = 0; k < n; k++) {
                            logs.connection(null, i, pick(customerIps), 443, 6, t, 20 + rnd.nextInt(40));
                        }
                        Instance app = i.account().equals(Company.ADMIN_ACCOUNT) ? pick(apps111) : co.instance("app-a");
                        logs.connection(i, app, null, 8080, 6, t, 10 + rnd.nextInt(20));
                    }
                    case "app" -> {
                        if (i.account().equals(Company.ADMIN_ACCOUNT)) {
                            logs.connection(i, db, null, 5432, 6, t, 10 + rnd.nextInt(30));
                        }
                        logs.connection(i, null, "52.216." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)), 443, 6, t,
                            8 + rnd.nextInt(20));
                    }
                    case "worker", "build" -> {
                        logs.connection(i, null, "52.216." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)), 443, 6, t,
                            30 + rnd.nextInt(60));
                        if (t % 3600 == 0) {
                            logs.connection(i, null, rnd.nextBoolean() ? "140.82.112.3" : "91.189.91.38", 443, 6, t,
                                40 + rnd.nextInt(80));
                        }
                    }
                    case "bastion" -> {
                        ZonedDateTime z = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
                        if (workday(z) && z.getHour() == 9 && z.getMinute() == 0) {
                            logs.connection(null, i, Company.OFFICE_IP, 22, 6, t, 200 + rnd.nextInt(400));
                        }
                    }
                    default -> { }
                }
                if (i.isPublic() && t % 86_400 == 43_200) {
                    // background internet noise: one blocked telnet attempt a day
                    logs.flow(new Flow(i, randomPublicIp(), i.privateIp(), 1024 + rnd.nextInt(60000), 23, 6, 1, 40,
                        t + rnd.nextInt(500), t + 550, "REJECT", true, 2));
                }
            }
        }
    }

    private void dns() {
        Map<String, List<String>> domains = ordered(
            "web", List.of("s3.amazonaws.com.", "sts.us-east-1.amazonaws.com.", "cdn.jsdelivr.net.", "www.google.com."),
            "app", List.of("s3.amazonaws.com.", "dynamodb.us-east-1.amazonaws.com.", "sqs.us-east-1.amazonaws.com.",
                "api.stripe.com.", "sts.us-east-1.amazonaws.com."),
            "db", List.of("s3.amazonaws.com.", "security.ubuntu.com.", "monitoring.us-east-1.amazonaws.com."),
            "worker", List.of("s3.amazonaws.com.", "sqs.us-east-1.amazonaws.com.", "pypi.org.", "files.pythonhosted.org."),
            "build", List.of("github.com.", "api.github.com.", "registry.npmjs.org.", "repo.maven.apache.org.",
                "ecr.us-east-1.amazonaws.com.", "archive.ubuntu.com."),
            "bastion", List.of("security.ubuntu.com.", "ssm.us-east-1.amazonaws.com.", "ec2messages.us-east-1.amazonaws.com."));
        for (long t = start; t < end; t += 3600) {
            for (Instance i : co.instances()) {
                int n = 2 + rnd.nextInt(4);
                for (int k = 0; k < n; k++) {
                    logs.dns(i, t + rnd.nextInt(3600), pick(domains.get(i.role())), "A", "NOERROR");
                }
            }
        }
    }

    private void cloudTrail() {
        for (long t = start; t < end; t += 1800) {
            ZonedDateTime z = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
            for (User u : co.users()) {
                if (u.name().equals("ci-deploy")) {
                    if (z.getMinute() == 0 && z.getHour() % 2 == 0) {
                        long at = t + rnd.nextInt(600);
                        logs.ct(at, iamUser(u), "ecr.amazonaws.com", "GetAuthorizationToken", Company.CI_IP,
                            Company.CLI_AGENT, ordered());
                        logs.ct(at + 20, iamUser(u), "ecs.amazonaws.com", "DescribeServices", Company.CI_IP,
                            Company.CLI_AGENT, ordered("cluster", "prod"));
                        logs.ct(at + 45, iamUser(u), "ecs.amazonaws.com", "UpdateService", Company.CI_IP,
                            Company.CLI_AGENT, ordered("cluster", "prod", "service", "web"));
                    }
                    continue;
                }
                // the first slot starts every user's baseline, whatever the day and hour: without it a history that
                // begins on a weekend would leave the users unlearned when the attack window opens
                boolean first = t == start;
                if (!first && (!workday(z) || z.getHour() < 8 || z.getHour() >= 18)) {
                    continue;
                }
                if (first || z.getHour() == 8 && z.getMinute() == 0) {
                    logs.consoleLogin(t + rnd.nextInt(900), u);
                }
                if (rnd.nextInt(3) > 0) {
                    String[][] calls = {{"ec2.amazonaws.com", "DescribeInstances"}, {"s3.amazonaws.com", "ListBuckets"},
                        {"monitoring.amazonaws.com", "GetMetricData"}, {"logs.amazonaws.com", "DescribeLogGroups"},
                        {"rds.amazonaws.com", "DescribeDBInstances"}, {"ec2.amazonaws.com", "DescribeSecurityGroups"}};
                    String[] c = calls[rnd.nextInt(calls.length)];
                    logs.ct(t + rnd.nextInt(1800), iamUser(u), c[0], c[1], Company.OFFICE_IP,
                        rnd.nextBoolean() ? Company.CLI_AGENT : Company.CONSOLE_AGENT, ordered());
                }
            }
            for (Instance i : co.instances()) {
                if (i.isPublic() && !i.role().equals("build")) {
                    logs.ct(t + rnd.nextInt(1800), logs.instanceRole(i), "ssm.amazonaws.com", "UpdateInstanceInformation",
                        i.publicIp(), SSM_AGENT, ordered("instanceId", i.instanceId()));
                    if (i.role().equals("web")) {
                        logs.ct(t + rnd.nextInt(1800), logs.instanceRole(i), "ec2.amazonaws.com", "DescribeTags",
                            i.publicIp(), SDK_AGENT, ordered());
                    }
                }
            }
        }
    }

    /**
     * The S3 data events of the service users ({@link Company#ETL}, {@link Company#BI}, {@link Company#BACKUP})
     * through the whole run, from the office address with the Java SDK: every hour the ETL job reads an input and
     * writes an output, the BI reader reads three reports, the backup job writes one archive and reads its manifest.
     * Drawn from no random source but event IDs; the simulator calls it after the scenarios so that their random
     * draws, hence their files, stay as they were without these users.
     */
    void s3DataHistory() {
        for (long t = start; t < end; t += 3600) {
            String hour = Instant.ofEpochSecond(t).toString().substring(0, 13).replace("T", "/");
            logs.s3(t + 300, iamUser(Company.ETL), "GetObject", Company.ETL_BUCKET, "in/" + hour + ".csv",
                Company.OFFICE_IP, Company.SERVICE_AGENT);
            logs.s3(t + 320, iamUser(Company.ETL), "PutObject", Company.ETL_BUCKET, "out/" + hour + ".parquet",
                Company.OFFICE_IP, Company.SERVICE_AGENT);
            for (int k = 0; k < 3; k++) {
                logs.s3(t + 900 + k * 5L, iamUser(Company.BI), "GetObject", Company.BI_BUCKET,
                    "daily/" + hour + "-" + k + ".json", Company.OFFICE_IP, Company.SERVICE_AGENT);
            }
            logs.s3(t + 1800, iamUser(Company.BACKUP), "PutObject", Company.BACKUP_BUCKET, "db/" + hour + ".tar.zst",
                Company.OFFICE_IP, Company.SERVICE_AGENT);
            logs.s3(t + 1810, iamUser(Company.BACKUP), "GetObject", Company.BACKUP_BUCKET, "db/MANIFEST",
                Company.OFFICE_IP, Company.SERVICE_AGENT);
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private String randomPublicIp() {
        return (45 + rnd.nextInt(100)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }

    private static boolean workday(ZonedDateTime z) {
        return z.getDayOfWeek().getValue() <= 5;
    }
}
