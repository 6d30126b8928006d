package dev.vigil.e2e.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The fictional company "Acme Widgets": one VPC per account, a dozen EC2 instances with one ENI each, a few IAM
 * principals. Every identifier is drawn from the run's seeded {@link Random}, so one seed always yields the same
 * company.
 */
final class Company {

    static final String ADMIN_ACCOUNT = "111111111111";
    static final String MEMBER_ACCOUNT = "222222222222";
    static final String REGION = "us-east-1";
    /** The office's egress address, used by console and CLI users on workdays. */
    static final String OFFICE_IP = "81.2.69.160";
    /** A CI runner on EC2 (an address in an AWS us-east-1 range). */
    static final String CI_IP = "3.91.5.20";

    /** One EC2 instance with its single ENI. */
    record Instance(String name, String account, String role, String instanceId, String eni, String privateIp,
                    String publicIp, String vpcId, String subnetId, String accessKeyId, String roleId) {
        boolean isPublic() {
            return publicIp != null;
        }
    }

    /** One IAM user. */
    record User(String name, String account, String principalId, String accessKeyId) {
        String arn() {
            return "arn:aws:iam::" + account + ":user/" + name;
        }
    }

    final List<Instance> instances = new ArrayList<>();
    final List<User> users = new ArrayList<>();
    final String vpc111;
    final String vpc222;

    Company(Random rnd) {
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

    Instance instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    User user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    List<Instance> instancesOf(String account) {
        return instances.stream().filter(i -> i.account().equals(account)).toList();
    }

    static String roleName(Instance i) {
        return i.role().equals("web") ? "web-role" : "app-role";
    }

    static String hex(Random rnd, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return b.toString();
    }

    static String upper(Random rnd, int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
