package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.User;
import dev.vigil.e2e.sim.records.LogRecords;
import java.util.List;
import java.util.Map;

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

    @Override
    public String id() {
        return "s3-tor-download";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User bob = a.company().user("bob");
        long t = a.at(0.86);
        a.logs().add(bob.account(), LogRecords.Kind.CLOUDTRAIL, t * 1000,
            dataEvent(a, t, bob, "ListObjects", null));
        int objects = 5;
        for (int n = 0; n < objects; n++) {
            long at = t + 20 + n * (5L + a.rnd().nextInt(10));
            a.logs().add(bob.account(), LogRecords.Kind.CLOUDTRAIL, at * 1000,
                dataEvent(a, at, bob, "GetObject", "2026/q" + (1 + n % 4) + "/ledger-" + n + ".csv"));
        }
        return a.expect("bob's access key downloads " + objects + " objects of " + BUCKET + " through the Tor exit node "
                + EXIT_IP, Company.ADMIN_ACCOUNT, List.of("UnauthorizedAccess:S3/TorIPCaller"),
            keyResource(bob.name(), bob.accessKeyId()), 7.0,
            ordered("sourceIp", EXIT_IP, "bucket", BUCKET, "objects", objects));
    }

    private static Map<String, Object> dataEvent(AttackContext a, long sec, User u, String name, String key) {
        Map<String, Object> params = key == null ? ordered("bucketName", BUCKET, "Host", BUCKET + ".s3.amazonaws.com")
            : ordered("bucketName", BUCKET, "Host", BUCKET + ".s3.amazonaws.com", "key", key);
        Map<String, Object> r = a.logs().ctRecord(sec, iamUser(u), "s3.amazonaws.com", name, EXIT_IP,
            "rclone/v1.66.0", params);
        r.put("managementEvent", false);
        r.put("eventCategory", "Data");
        r.put("resources", List.of(ordered("type", "AWS::S3::Bucket", "ARN", "arn:aws:s3:::" + BUCKET)));
        return r;
    }
}
