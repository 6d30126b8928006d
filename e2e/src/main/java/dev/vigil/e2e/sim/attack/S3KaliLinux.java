package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.User;
import java.util.List;

/**
 * ops-222's access key (member) lists and reads a bucket from a Kali Linux machine (the AWS CLI's Kali user agent,
 * as GuardDuty's tester makes it): S3 data events, analysed because the demo turns S3_DATA_EVENTS on.
 */
public final class S3KaliLinux implements AttackScenario {
    /** The bucket read. */
    public static final String BUCKET = "team-222-reports";

    @Override
    public String id() {
        return "s3-kali";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User ops = a.company().user("ops-222");
        long t = a.at(0.97);
        String ip = "193.42.34." + (10 + a.rnd().nextInt(200));
        a.logs().s3(t, iamUser(ops), "ListObjects", BUCKET, null, ip, KaliLinux.AGENT);
        a.logs().s3(t + 7, iamUser(ops), "GetObject", BUCKET, "2026/summary.pdf", ip, KaliLinux.AGENT);
        return a.expect("ops-222's access key reads bucket " + BUCKET + " from a Kali Linux machine",
            Company.MEMBER_ACCOUNT, List.of("PenTest:S3/KaliLinux"), keyResource(ops.name(), ops.accessKeyId()), 4.0,
            ordered("userAgentContains", "kali", "bucket", BUCKET));
    }
}
