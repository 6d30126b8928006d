package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.User;
import java.util.List;

/**
 * ci-deploy's leaked access key (administrator) is used from a known malicious host (an address of the shipped
 * URLhaus list) to download the deployment bucket's secrets file and configuration with the AWS CLI.
 */
public final class S3MaliciousIpRead implements AttackScenario {
    /** A host of the shipped malicious-address list (URLhaus). */
    public static final String HOST = "190.108.63.242";
    /** The bucket read. */
    public static final String BUCKET = "acme-deploy-artifacts";

    @Override
    public String id() {
        return "s3-malicious-ip-read";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        User ci = a.company().user("ci-deploy");
        long t = a.at(0.96);
        String[] keys = {"prod/.env", "prod/config.yaml", "prod/db-backup.sql.gz"};
        int k = 0;
        for (String key : keys) {
            a.logs().s3(t + k++ * (4L + a.rnd().nextInt(6)), iamUser(ci), "GetObject", BUCKET, key, HOST,
                "aws-cli/2.15.30 Python/3.11.8 Linux/5.15.0 exe/x86_64.ubuntu.22 command/s3.cp");
        }
        return a.expect("ci-deploy's access key downloads " + keys.length + " objects of " + BUCKET
                + " from the known malicious host " + HOST, Company.ADMIN_ACCOUNT,
            List.of("Exfiltration:S3/MaliciousIPCaller"), keyResource(ci.name(), ci.accessKeyId()), 7.0,
            ordered("sourceIp", HOST, "bucket", BUCKET, "objects", keys.length));
    }
}
