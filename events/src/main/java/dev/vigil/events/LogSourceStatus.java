package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the reader (ingest-service) has read from one log source, on the compacted topic
 * {@link Topics#LOG_SOURCE_STATUS}, keyed by log source ID; accounts-service stores it and shows it on GetLogSource.
 * Counters are cumulative since the reader replica started reading the source ({@code readerId}), so the owner sums
 * the latest report of each replica.
 *
 * @param logSourceId   the source
 * @param accountId     the source's account
 * @param readerId      the replica that reads (host name and start time)
 * @param lastObject    {@code s3://bucket/key} of the last object read to its end, or {@code null}
 * @param lastReadAt    UTC epoch milliseconds when that object was acknowledged by Kafka, or {@code null}
 * @param lagMillis     age of the oldest message still on the queue when last received (SQS
 *                      {@code ApproximateFirstReceiveTimestamp} minus {@code SentTimestamp}), or {@code null}
 * @param objectsRead   objects read to their end and acknowledged
 * @param recordsRead   records published from them
 * @param objectsSkipped objects skipped with a reason (CloudTrail digests, non-log objects)
 * @param deadLettered  messages given up after the configured number of attempts
 * @param errors        the latest errors, newest first (at most 20)
 * @param reportedAt    UTC epoch milliseconds of this report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogSourceStatus(int schemaVersion, String logSourceId, String accountId, String readerId,
        String lastObject, Long lastReadAt, Long lagMillis, long objectsRead, long recordsRead, long objectsSkipped,
        long deadLettered, List<SourceError> errors, long reportedAt) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * One error of a source.
     *
     * @param object {@code s3://bucket/key} (or the queue message ID when the message named no object)
     * @param line   1-based line of the object, or {@code null} when the error concerns the whole object
     * @param reason what went wrong, for the tenant (no Java type)
     * @param at     UTC epoch milliseconds
     */
    public record SourceError(String object, Integer line, String reason, long at) {
    }
}
