package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far the backfill of one log source has read its bucket, on the compacted topic
 * {@link Topics#LOG_SOURCE_CHECKPOINTS} keyed by log source ID; written by ingest-service's reader after Kafka
 * acknowledged every record of an object, read back whole by every replica at start, so that a restart resumes after
 * the last object read instead of reading the history again.
 *
 * <p>The backfill reads the objects of a source in order of their time (the {@code yyyymmddTHHmmZ} of AWS's object
 * names, else the object's last-modified time), then key; {@code (lastTime, lastKey)} is the last object read to its
 * end, and every object before it in that order was read too.
 *
 * @param logSourceId 32 lower-case hex characters
 * @param accountId   the source's 12-digit account
 * @param startTime   the source's start time the backfill began from (UTC epoch ms): a source given another start
 *                    time starts over
 * @param lastTime    the time of the last object read (UTC epoch ms)
 * @param lastKey     the key of the last object read
 * @param updatedAt   when this checkpoint was written (UTC epoch ms)
 * @param recentKeys  the keys read whose time is within the re-list window before {@code lastTime}, to their time (UTC
 *                    epoch ms): an object that appears late with a time before {@code lastTime} is read when its key
 *                    is not among them; null in checkpoints written before this member existed (nothing is re-listed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogSourceCheckpoint(int schemaVersion, String logSourceId, String accountId, long startTime, long lastTime,
        String lastKey, long updatedAt, java.util.Map<String, Long> recentKeys) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;
}
