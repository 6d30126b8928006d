package dev.vigil.ingest.sources;

import dev.vigil.events.LogSourceStatus;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What this replica read from each source, published as {@link LogSourceStatus} (channel
 * {@code log-source-status-out}, topic {@code vigil.log-sources.status.v1}, keyed by log source ID) by
 * {@link #publishChanged()}; accounts-service sums the replicas' reports. Counters are cumulative since this replica
 * started ({@code readerId} = host name and start time); the last {@value #MAX_ERRORS} errors are kept.
 */
@ApplicationScoped
public class SourceStatusBoard {

    /** Errors kept per source. */
    static final int MAX_ERRORS = 20;

    private final MutinyEmitter<LogSourceStatus> out;
    private final String readerId;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    public SourceStatusBoard(@Channel("log-source-status-out") MutinyEmitter<LogSourceStatus> out) {
        this.out = out;
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "ingest-service";
        }
        this.readerId = host + "/" + System.currentTimeMillis();
    }

    /** The counters of one source (thread-safe: one reader thread writes, the publisher reads). */
    public static final class Tally {
        final String logSourceId;
        final String accountId;
        String lastObject;
        Long lastReadAt;
        Long lagMillis;
        long objectsRead;
        long recordsRead;
        long objectsSkipped;
        long deadLettered;
        final Deque<LogSourceStatus.SourceError> errors = new ArrayDeque<>();
        boolean changed = true;

        Tally(String logSourceId, String accountId) {
            this.logSourceId = logSourceId;
            this.accountId = accountId;
        }

        /** An object read to its end and acknowledged, with the records it published. */
        public synchronized void read(String object, long records) {
            lastObject = object;
            lastReadAt = System.currentTimeMillis();
            objectsRead++;
            recordsRead += records;
            changed = true;
        }

        /** An object skipped; the reason is kept as an error without line. */
        public synchronized void skipped(String object, String reason) {
            objectsSkipped++;
            error(object, null, "skipped: " + reason);
        }

        /** A message given up after the configured attempts. */
        public synchronized void deadLettered(String object, String reason) {
            deadLettered++;
            error(object, null, reason);
        }

        /** The age of the oldest message when last received. */
        public synchronized void lag(long millis) {
            lagMillis = millis;
            changed = true;
        }

        /** One error on {@code object} (line null: the whole object). */
        public synchronized void error(String object, Long line, String reason) {
            errors.addFirst(new LogSourceStatus.SourceError(object, line == null ? null : line.intValue(), reason,
                    System.currentTimeMillis()));
            while (errors.size() > MAX_ERRORS) {
                errors.removeLast();
            }
            changed = true;
        }

        synchronized LogSourceStatus report(String readerId) {
            changed = false;
            return new LogSourceStatus(LogSourceStatus.SCHEMA_VERSION, logSourceId, accountId, readerId, lastObject,
                    lastReadAt, lagMillis, objectsRead, recordsRead, objectsSkipped, deadLettered,
                    new ArrayList<>(errors), System.currentTimeMillis());
        }

        /** Objects read so far (tests, status). */
        public synchronized long objectsRead() {
            return objectsRead;
        }
    }

    /** The tally of {@code logSourceId}, created on first use. */
    public Tally of(String logSourceId, String accountId) {
        return tallies.computeIfAbsent(logSourceId, id -> new Tally(id, accountId));
    }

    /** Publishes the report of every source that changed since its last report (without waiting for the broker). */
    public void publishChanged() {
        List<LogSourceStatus> reports = new ArrayList<>();
        for (Tally t : tallies.values()) {
            synchronized (t) {
                if (t.changed) {
                    reports.add(t.report(readerId));
                }
            }
        }
        for (LogSourceStatus r : reports) {
            // not awaited: a broker that is down must not hold up the next reports; a failed one is sent again
            out.sendMessage(Message.of(r).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(r.logSourceId()).build())).subscribe().with(ok -> { }, e -> {
                        Log.warnf("status of log source %s not published: %s", r.logSourceId(), e.toString());
                        Tally t = of(r.logSourceId(), r.accountId());
                        synchronized (t) {
                            t.changed = true;
                        }
                    });
        }
    }
}
