package dev.vigil.ingest.sources;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The submissions each log source of this replica read to the end and Kafka acknowledged (S3 objects by
 * {@code bucket/key#version-or-ETag}, Firehose requests by source and request ID), for {@link #RETENTION} and at most
 * {@link #MAX_ENTRIES}: a duplicate S3 notification or a Firehose retry of a request already acknowledged is answered
 * without publishing its records again. Their event IDs would be the same anyway (usage and findings' candidates count
 * an event ID once), but the detector's windowed rules count records, so a second publication would count an attack's
 * records twice. On its own (the Firehose path) what this does not cover (a duplicate received by another replica, a
 * restart between two deliveries) is published again with the same event IDs; S3 objects go through
 * {@link ObjectReads}, which fills one of these from a durable topic every replica reads.
 */
@ApplicationScoped
public class ReadLedger {

    /** How long a submission is remembered (S3 sends duplicate notifications and Firehose retries within minutes). */
    static final Duration RETENTION = Duration.ofHours(24);
    /** The most submissions remembered (about 200 bytes each). */
    static final int MAX_ENTRIES = 200_000;

    private final Map<String, Long> done = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_ENTRIES || eldest.getValue() < System.currentTimeMillis() - RETENTION.toMillis();
        }
    };

    /** Whether {@code submissionId} was read to its end and acknowledged here within {@link #RETENTION}. */
    public synchronized boolean done(String submissionId) {
        Long at = done.get(submissionId);
        return at != null && at >= System.currentTimeMillis() - RETENTION.toMillis();
    }

    /** Records that every record of {@code submissionId} was acknowledged by Kafka. */
    public void record(String submissionId) {
        record(submissionId, System.currentTimeMillis());
    }

    /** Records that {@code submissionId} was read at {@code at} (UTC epoch ms); an older time than known is ignored. */
    public synchronized void record(String submissionId, long at) {
        done.merge(submissionId, at, Math::max);
    }
}
