package dev.vigil.e2e.sim.attack;

import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * The thief then writes three objects into the staging bucket with etl-svc's key from the same VPN address: an API
 * it uses every hour, from the same address with a tool never seen (boto3: the AWS CLI it listed with is learned by
 * then) ({@code Impact:S3/AnomalousBehavior.Write}, Medium).
 */
public final class S3UnusualWrite extends S3UnusualCalls {

    /** The scenario. */
    public S3UnusualWrite() {
        super("s3-unusual-write", new Spec(Company.ETL, Company.ETL_BUCKET, "146.70.199.60",
            "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.5.0 lang/python#3.11.8", 0.125, "Impact:S3/AnomalousBehavior.Write", 4.0,
            "etl-svc's key writes 3 objects into acme-etl-staging from a VPN address with boto3, never "
            + "seen in its S3 baseline",
            List.of(new Call("PutObject", "in/payload-1.csv"), new Call("PutObject", "in/payload-2.csv"),
            new Call("PutObject", "in/payload-3.csv"))));
    }
}
