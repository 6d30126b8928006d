package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.User;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * dev-222's access key (member) is used from a Kali Linux machine: four reconnaissance calls with the AWS CLI's Kali
 * user agent, as GuardDuty's tester makes them.
 */
public final class KaliLinux implements AttackScenario {
    /** A Kali Linux AWS CLI user agent, as GuardDuty's tester produces. */
    public static final String AGENT = "aws-cli/2.13.25 Python/3.11.6 Linux/6.5.0-kali3-amd64 "
        + "exe/x86_64.kali.2023 prompt/off command/iam.list-users";

    @Override
    public String id() {
        return "kali";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User dev222 = a.company().user("dev-222");
        long t = a.at(0.68);
        String kaliIp = "193.42.33." + (10 + a.rnd().nextInt(200));
        String[][] calls = {{"iam.amazonaws.com", "ListUsers"}, {"iam.amazonaws.com", "ListRoles"},
            {"sts.amazonaws.com", "GetCallerIdentity"}, {"s3.amazonaws.com", "ListBuckets"}};
        int k = 0;
        for (String[] c : calls) {
            a.logs().ct(t + k++ * 15L, iamUser(dev222), c[0], c[1], kaliIp, AGENT, ordered());
        }
        return a.expect("dev-222's access key is used from a Kali Linux machine", Company.MEMBER_ACCOUNT,
            List.of("PenTest:IAMUser/KaliLinux"), keyResource(dev222.name(), dev222.accessKeyId()), 4.0,
            ordered("userAgentContains", "kali", "calls", calls.length));
    }
}
