package dev.vigil.e2e.sim.attack;

import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * backup-svc's key deletes three backups from a VPN address with rclone: an API, a network and a tool its baseline
 * never showed ({@code Impact:S3/AnomalousBehavior.Delete}, High).
 */
public final class S3UnusualDelete extends S3UnusualCalls {

    /** The scenario. */
    public S3UnusualDelete() {
        super("s3-unusual-delete", new Spec(Company.BACKUP, Company.BACKUP_BUCKET, "146.70.199.62",
            "rclone/v1.66.0", 0.41, "Impact:S3/AnomalousBehavior.Delete", 7.0,
            "backup-svc's key deletes 3 backups of acme-backups from a VPN address with rclone, never "
            + "seen in its S3 baseline",
            List.of(new Call("DeleteObject", "db/2026-01-01.tar.zst"),
            new Call("DeleteObject", "db/2026-01-02.tar.zst"),
            new Call("DeleteObject", "db/MANIFEST"))));
    }
}
