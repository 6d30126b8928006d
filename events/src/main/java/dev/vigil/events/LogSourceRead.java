package dev.vigil.events;

/**
 * One S3 object a log source read to its end, on the compacted topic {@link Topics#LOG_SOURCE_READS} keyed
 * {@link #key(String, String) logSourceId submissionId}: written by ingest-service's reader in the same Kafka
 * transaction as the object's records and usage, so that it is visible to a read_committed consumer exactly when they
 * are. Every replica reads the topic back and skips an object whose marker it holds: a duplicate notification, a
 * message redelivered after a replica died, or a restart does not publish the object's records again.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param logSourceId   32 lower-case hex characters
 * @param submissionId  the object's {@code bucket/key#version-or-ETag}
 * @param records       records of the object accepted and published
 * @param readAt        when the object's transaction was committed (UTC epoch ms)
 */
public record LogSourceRead(int schemaVersion, String logSourceId, String submissionId, long records, long readAt) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /** The record key of a marker: one source's reads, never another tenant's. */
    public static String key(String logSourceId, String submissionId) {
        return logSourceId + " " + submissionId;
    }

    /** This marker's record key. */
    public String key() {
        return key(logSourceId, submissionId);
    }
}
