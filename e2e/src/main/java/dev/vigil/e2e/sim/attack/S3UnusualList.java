package dev.vigil.e2e.sim.attack;

import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * etl-svc's key, stolen from the ETL server, lists the staging bucket from a VPN address with the AWS CLI: an API,
 * a network and a tool its week of S3 data events never showed ({@code Discovery:S3/AnomalousBehavior}, Low).
 */
public final class S3UnusualList extends S3UnusualCalls {

    /** The scenario. */
    public S3UnusualList() {
        super("s3-unusual-list", new Spec(Company.ETL, Company.ETL_BUCKET, "146.70.199.60",
            "aws-cli/2.15.30 Python/3.11.8", 0.115, "Discovery:S3/AnomalousBehavior", 1.0,
            "etl-svc's key lists acme-etl-staging from a VPN address with the AWS CLI, never seen in "
            + "its S3 baseline",
            List.of(new Call("ListObjects", null))));
    }
}
