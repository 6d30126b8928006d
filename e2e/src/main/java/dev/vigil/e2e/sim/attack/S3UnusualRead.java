package dev.vigil.e2e.sim.attack;

import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * bi-reader's key reads two reports from a VPN address with the AWS CLI: object reads from a network and with a
 * tool its baseline never showed ({@code Exfiltration:S3/ObjectRead.Unusual}, Medium for an IAM user).
 */
public final class S3UnusualRead extends S3UnusualCalls {

    /** The scenario. */
    public S3UnusualRead() {
        super("s3-unusual-read", new Spec(Company.BI, Company.BI_BUCKET, "146.70.199.61",
            "aws-cli/2.15.30 Python/3.11.8", 0.345, "Exfiltration:S3/ObjectRead.Unusual", 4.0,
            "bi-reader's key reads 2 reports of acme-reports from a VPN address, never seen in its S3 baseline",
            List.of(new Call("GetObject", "daily/payroll-2026.json"),
            new Call("GetObject", "daily/customers-2026.json"))));
    }
}
