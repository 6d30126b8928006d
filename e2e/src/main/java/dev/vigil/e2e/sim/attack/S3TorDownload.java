package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.User;
import java.util.List;

/**
 * bob's access key (administrator) lists a bucket and downloads five objects through a Tor exit node: S3 data events
 * (CloudTrail {@code eventCategory} {@code Data}), analysed only because the demo turns on the administrator's
 * {@code S3_DATA_EVENTS} feature. The attacker's tool is rclone, a common exfiltration tool.
 */
public final class S3TorDownload implements AttackScenario {
    /** A Tor exit node from the shipped exit list. */
    public static final String EXIT_IP = "185.220.101.4";
    /** The bucket read. */
    public static final String BUCKET = "acme-finance-exports";
    /** rclone, a common exfiltration tool. */
    public static final String AGENT = "rclone/v1.66.0";

    @Override
    public String id() {
        return "s3-tor-download";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User bob = a.company().user("bob");
        long t = a.at(0.86);
        a.logs().s3(t, iamUser(bob), "ListObjects", BUCKET, null, EXIT_IP, AGENT);
        int objects = 5;
        for (int n = 0; n < objects; n++) {
            long at = t + 20 + n * (5L + a.rnd().nextInt(10));
            a.logs().s3(at, iamUser(bob), "GetObject", BUCKET, "2026/q" + (1 + n % 4) + "/ledger-" + n + ".csv",
                EXIT_IP, AGENT);
        }
        return a.expect("bob's access key downloads " + objects + " objects of " + BUCKET + " through the Tor exit node "
                + EXIT_IP, Company.ADMIN_ACCOUNT, List.of("UnauthorizedAccess:S3/TorIPCaller"),
            keyResource(bob.name(), bob.accessKeyId()), 7.0,
            ordered("sourceIp", EXIT_IP, "bucket", BUCKET, "objects", objects));
    }
}
