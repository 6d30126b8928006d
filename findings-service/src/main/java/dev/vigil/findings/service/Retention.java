package dev.vigil.findings.service;

import dev.vigil.findings.config.VigilConfig;
import dev.vigil.findings.repository.Db;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Purges findings not updated for {@code vigil.retention-days} (default 90: GuardDuty keeps findings 90 days), and
 * the processed-event records of candidates older than that (a candidate replayed after that window would recreate
 * its finding, as a new occurrence would).
 */
@ApplicationScoped
public class Retention {

    private final Db db;
    private final VigilConfig config;

    public Retention(Db db, VigilConfig config) {
        this.db = db;
        this.config = config;
    }

    /** The hourly purge ({@code vigil.retention.every}). */
    @Scheduled(every = "${vigil.retention.every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge();
    }

    /** Purges once; returns the number of findings purged. */
    public int purge() {
        int days = config.retentionDays();
        int purged = db.tx(c -> {
            int n = Db.update(c, "delete from finding where updated_at < now() - make_interval(days => ?)", days);
            Db.update(c, "delete from processed_event where processed_at < now() - make_interval(days => ?)", days);
            Db.update(c, "delete from finding_feedback f where not exists (select 1 from finding where id = f.finding_id)");
            return n;
        });
        if (purged > 0) {
            Log.infof("retention: purged %d findings not updated for %d days", purged, days);
        }
        return purged;
    }
}
