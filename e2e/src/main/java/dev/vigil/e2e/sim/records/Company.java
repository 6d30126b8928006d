package dev.vigil.e2e.sim.records;

import dev.vigil.e2e.DemoIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The fictional company "Acme Widgets": one VPC per account, a dozen EC2 instances with one ENI each, a few IAM
 * principals, in the demo's administrator and member accounts ({@link DemoIdentities}). Every identifier is drawn
 * from the run's seeded {@link Random}, so one seed always yields the same company.
 */
public final class Company {

    /** The administrator account: nine instances, four IAM users. */
    public static final String ADMIN_ACCOUNT = DemoIdentities.ADMIN_ACCOUNT;
    /** The member account: three instances, two IAM users. */
    public static final String MEMBER_ACCOUNT = DemoIdentities.MEMBER_ACCOUNT;
    /** The region of every resource and record. */
    public static final String REGION = "us-east-1";
    /** The office's egress address, used by console and CLI users on workdays. */
    public static final String OFFICE_IP = "81.2.69.160";
    /** A CI runner on EC2 (an address in an AWS us-east-1 range). */
    public static final String CI_IP = "3.91.5.20";
    /** The AWS CLI the staff use. */
    public static final String CLI_AGENT = "aws-cli/2.15.30 Python/3.11.8 Linux/5.15.0-1051-aws exe/x86_64.ubuntu.22";
    /** The user agent CloudTrail records for calls made through the console. */
    public static final String CONSOLE_AGENT = "AWS Internal";

    /**
     * The service users whose S3 data events make a learned baseline (the S3 AnomalousBehavior scenarios): an
     * on-premises ETL job, a BI reader and a backup job, all of the administrator account. Their identifiers are
     * constants, not drawn from the run's random source, so that adding them left every other identifier as it was.
     */
    public static final User ETL = new User("etl-svc", ADMIN_ACCOUNT, "AIDAETLSVCS3BASELINE1", "AKIAETLSVCS3BASE0001");
    /** The BI tool's reader (see {@link #ETL}). */
    public static final User BI = new User("bi-reader", ADMIN_ACCOUNT, "AIDABIREADERS3BASEL1", "AKIABIREADERS3BAS001");
    /** The backup job (see {@link #ETL}). */
    public static final User BACKUP = new User("backup-svc", ADMIN_ACCOUNT, "AIDABACKUPSVCS3BASE1", "AKIABACKUPSVCS3BA001");
    /** The buckets of {@link #ETL}, {@link #BI} and {@link #BACKUP}. */
    public static final String ETL_BUCKET = "acme-etl-staging";
    /** The bucket {@link #BI} reads. */
    public static final String BI_BUCKET = "acme-reports";
    /** The bucket {@link #BACKUP} writes. */
    public static final String BACKUP_BUCKET = "acme-backups";
    /** The SDK the service users' jobs run on. */
    public static final String SERVICE_AGENT = "aws-sdk-java/2.25.16 Linux/5.15.0 OpenJDK_64-Bit_Server_VM/17.0.10";

    /** One EC2 instance with its single ENI. */
    public record Instance(String name, String account, String role, String instanceId, String eni, String privateIp,
                           String publicIp, String vpcId, String subnetId, String accessKeyId, String roleId) {
        /** Whether the instance has a public address. */
        public boolean isPublic() {
            return publicIp != null;
        }
    }

    /** One IAM user. */
    public record User(String name, String account, String principalId, String accessKeyId) {
        /** The user's ARN. */
        public String arn() {
            return "arn:aws:iam::" + account + ":user/" + name;
        }
    }

    private final List<Instance> instances = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private final String vpc111;
    private final String vpc222;

    /** Draws the company's identifiers from {@code rnd} (the first draws of a run). */
    public Company(Random rnd) {
        vpc111 = "vpc-0" + hex(rnd, 16);
        vpc222 = "vpc-0" + hex(rnd, 16);
        String subnet111 = "subnet-0" + hex(rnd, 16);
        String subnet222 = "subnet-0" + hex(rnd, 16);
        String webRole111 = "AROA" + upper(rnd, 17);
        String appRole111 = "AROA" + upper(rnd, 17);
        String webRole222 = "AROA" + upper(rnd, 17);
        String[][] spec111 = {
            {"web-1", "web", "pub"}, {"web-2", "web", "pub"}, {"app-1", "app", ""}, {"app-2", "app", ""},
            {"app-3", "app", ""}, {"db-1", "db", ""}, {"worker-1", "worker", ""}, {"worker-2", "worker", ""},
            {"build-1", "build", "pub"}};
        int host = 10;
        for (String[] s : spec111) {
            String publicIp = s[2].isEmpty() ? null : "3.84." + (10 + rnd.nextInt(200)) + "." + (2 + rnd.nextInt(250));
            instances.add(new Instance(s[0], ADMIN_ACCOUNT, s[1], "i-0" + hex(rnd, 16), "eni-0" + hex(rnd, 16),
                "10.0.1." + host++, publicIp, vpc111, subnet111, "ASIA" + upper(rnd, 16),
                s[1].equals("web") ? webRole111 : appRole111));
        }
        String[][] spec222 = {{"web-a", "web", "pub"}, {"app-a", "app", ""}, {"bastion-a", "bastion", "pub"}};
        host = 10;
        for (String[] s : spec222) {
            String publicIp = s[2].isEmpty() ? null : "3.85." + (10 + rnd.nextInt(200)) + "." + (2 + rnd.nextInt(250));
            instances.add(new Instance(s[0], MEMBER_ACCOUNT, s[1], "i-0" + hex(rnd, 16), "eni-0" + hex(rnd, 16),
                "172.31.16." + host++, publicIp, vpc222, subnet222, "ASIA" + upper(rnd, 16), webRole222));
        }
        for (String[] u : new String[][] {{"alice", ADMIN_ACCOUNT}, {"bob", ADMIN_ACCOUNT}, {"dana", ADMIN_ACCOUNT},
            {"ci-deploy", ADMIN_ACCOUNT}, {"dev-222", MEMBER_ACCOUNT}, {"ops-222", MEMBER_ACCOUNT}}) {
            users.add(new User(u[0], u[1], "AIDA" + upper(rnd, 17), "AKIA" + upper(rnd, 16)));
        }
    }

    /** Every instance, administrator's first. */
    public List<Instance> instances() {
        return instances;
    }

    /** Every IAM user. */
    public List<User> users() {
        return users;
    }

    /** The VPC of {@code account}. */
    public String vpcOf(String account) {
        return account.equals(ADMIN_ACCOUNT) ? vpc111 : vpc222;
    }

    /** The instance named {@code name} (e.g. {@code app-2}). */
    public Instance instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    /** The IAM user named {@code name}. */
    public User user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    /** The name of the instance profile's role. */
    public static String roleName(Instance i) {
        return i.role().equals("web") ? "web-role" : "app-role";
    }

    /** {@code n} random lower-case hex digits. */
    public static String hex(Random rnd, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return b.toString();
    }

    /** {@code n} random characters of the base32 alphabet AWS uses in key IDs (A-Z, 2-7). */
    public static String upper(Random rnd, int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
