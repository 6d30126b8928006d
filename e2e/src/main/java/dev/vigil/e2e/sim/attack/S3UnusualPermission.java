package dev.vigil.e2e.sim.attack;

import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * The thief then makes a backup public with backup-svc's key from the same address: PutObjectAcl, never in its
 * baseline ({@code Impact:S3/AnomalousBehavior.Permission}, High).
 */
public final class S3UnusualPermission extends S3UnusualCalls {

    /** The scenario. */
    public S3UnusualPermission() {
        super("s3-unusual-permission", new Spec(Company.BACKUP, Company.BACKUP_BUCKET, "146.70.199.62",
            "rclone/v1.66.0", 0.42, "Impact:S3/AnomalousBehavior.Permission", 7.0,
            "backup-svc's key changes an object ACL in acme-backups from a VPN address, never seen in "
            + "its S3 baseline",
            List.of(new Call("PutObjectAcl", "db/latest.tar.zst"))));
    }
}
