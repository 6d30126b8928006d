package dev.vigil.accounts.sources;

import dev.vigil.events.Json;
import dev.vigil.events.LogSourceStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reader's reports on log sources ({@link LogSourceStatus} from {@code vigil.log-sources.status.v1}): the latest
 * report of each reader replica is kept per source, and GetLogSource shows their sum. Reports of a source that no
 * longer exists, or of another account than the source's, are ignored.
 */
@ApplicationScoped
public class LogSourceReports {

    /** Errors shown per source, newest first. */
    static final int MAX_ERRORS = 20;

    private final LogSourceRepository sources;
    private final LogSourceReaderRepository readers;

    public LogSourceReports(LogSourceRepository sources, LogSourceReaderRepository readers) {
        this.sources = sources;
        this.readers = readers;
    }

    /** Stores {@code r} as its replica's latest report, unless older than the one stored (inside a transaction). */
    public Uni<Void> store(LogSourceStatus r) {
        return sources.findById(r.logSourceId()).chain(s -> {
            if (s == null || !s.accountId.equals(r.accountId())) {
                return Uni.createFrom().voidItem();
            }
            return readers.of(r.logSourceId(), r.readerId()).chain(old -> {
                if (old != null && old.reportedAt.toEpochMilli() > r.reportedAt()) {
                    return Uni.createFrom().voidItem();
                }
                LogSourceReaderEntity e = old != null ? old : new LogSourceReaderEntity();
                e.logSourceId = r.logSourceId();
                e.readerId = r.readerId();
                e.accountId = r.accountId();
                e.lastObject = r.lastObject();
                e.lastReadAt = r.lastReadAt() == null ? null : Instant.ofEpochMilli(r.lastReadAt());
                e.lagMillis = r.lagMillis();
                e.objectsRead = r.objectsRead();
                e.recordsRead = r.recordsRead();
                e.objectsSkipped = r.objectsSkipped();
                e.deadLettered = r.deadLettered();
                e.errors = r.errors() == null ? null : Json.write(r.errors());
                e.reportedAt = Instant.ofEpochMilli(r.reportedAt());
                return old != null ? Uni.createFrom().voidItem() : readers.persist(e).replaceWithVoid();
            });
        });
    }

    /** The reports on {@code logSourceId} of {@code account} summed (inside a session). */
    Uni<LogSource.Report> report(String account, String logSourceId) {
        return readers.ofSource(account, logSourceId).map(LogSourceReports::sum);
    }

    /** Deletes the reports on {@code logSourceId} (inside a transaction). */
    Uni<Long> deleteOf(String logSourceId) {
        return readers.delete("logSourceId", logSourceId);
    }

    static LogSource.Report sum(List<LogSourceReaderEntity> all) {
        String lastObject = null;
        Instant lastReadAt = null;
        Long lag = null;
        long objects = 0;
        long records = 0;
        long skipped = 0;
        long dead = 0;
        List<LogSourceStatus.SourceError> errors = new ArrayList<>();
        for (LogSourceReaderEntity r : all) {
            if (r.lastReadAt != null && (lastReadAt == null || r.lastReadAt.isAfter(lastReadAt))) {
                lastReadAt = r.lastReadAt;
                lastObject = r.lastObject;
            }
            if (r.lagMillis != null) {
                lag = lag == null ? r.lagMillis : Math.max(lag, r.lagMillis);
            }
            objects += r.objectsRead;
            records += r.recordsRead;
            skipped += r.objectsSkipped;
            dead += r.deadLettered;
            if (r.errors != null) {
                errors.addAll(List.of(Json.read(r.errors, LogSourceStatus.SourceError[].class)));
            }
        }
        errors.sort(Comparator.comparingLong(LogSourceStatus.SourceError::at).reversed());
        return new LogSource.Report(lastObject, lastReadAt, lag, objects, records, skipped, dead,
                List.copyOf(errors.subList(0, Math.min(MAX_ERRORS, errors.size()))));
    }
}
