package dev.vigil.findings.service;

import dev.vigil.findings.config.VigilConfig;
import dev.vigil.findings.repository.Db;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Purges findings not updated for {@code vigil.retention-days} (default 90: GuardDuty keeps findings 90 days) in
 * every account, together with what belongs to them: their feedback rows ({@code finding_feedback}) and the
 * processed-event records of their candidates. Processed-event records and webhook dead letters older than the
 * retention period go too (a candidate replayed after that window would recreate its finding, as a new occurrence
 * would). Filters and publishing destinations are account settings and stay. Findings are deleted in batches of
 * {@link #BATCH}, each its own transaction, skipping rows that a candidate is updating at that moment (such a row is
 * no longer stale once that update commits).
 */
@ApplicationScoped
public class Retention {

    /** Findings deleted per transaction. */
    public static final int BATCH = 5_000;

    private final Db db;
    private final VigilConfig config;

    public Retention(Db db, VigilConfig config) {
        this.db = db;
        this.config = config;
    }

    /** The hourly purge ({@code vigil.retention.every}, default 1h; {@code off} disables it). */
    @Scheduled(every = "${vigil.retention.every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge();
    }

    /** Purges once with the configured retention; returns the number of findings purged. */
    public int purge() {
        return purge(config.retentionDays(), BATCH);
    }

    /**
     * Purges findings not updated for {@code days} days, {@code batch} per transaction.
     *
     * @return the number of findings purged
     */
    public int purge(int days, int batch) {
        int total = 0;
        int n;
        do {
            n = db.tx(c -> purgeBatch(c, days, batch));
            total += n;
        } while (n == batch);
        db.tx(c -> {
            Db.update(c, "delete from processed_event where processed_at < now() - make_interval(days => ?)", days);
            Db.update(c, "delete from webhook_dead_letter where failed_at < now() - make_interval(days => ?)", days);
            return null;
        });
        if (total > 0) {
            Log.infof("retention: purged %d findings not updated for %d days", total, days);
        }
        return total;
    }

    private static int purgeBatch(Connection c, int days, int batch) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("delete from finding where id in (select id from finding "
                + "where updated_at < now() - make_interval(days => ?) limit ? for update skip locked) returning id")) {
            ps.setInt(1, days);
            ps.setInt(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        if (!ids.isEmpty()) {
            Array purged = c.createArrayOf("varchar", ids.toArray());
            for (String table : List.of("finding_feedback", "processed_event")) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where finding_id = any(?)")) {
                    ps.setArray(1, purged);
                    ps.executeUpdate();
                }
            }
        }
        return ids.size();
    }
}
