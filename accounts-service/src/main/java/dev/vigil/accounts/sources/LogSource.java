package dev.vigil.accounts.sources;

import dev.vigil.events.LogSourceStatus;
import java.time.Instant;
import java.util.List;

/**
 * A log source as its tenant sees it: its settings without any secret (the credentials are named by role ARN or
 * access key ID only) and what the reader reported.
 */
public record LogSource(String logSourceId, String name, String kind, String logType, String region, String queueUrl,
        String bucket, String prefix, String endpoint, String roleArn, String accessKeyId, Instant startTime,
        String status, Instant createdAt, Instant updatedAt, Report report) {

    /**
     * The reader replicas' reports summed: the newest last object, counters added, errors newest first.
     *
     * @param lagMillis age of the oldest notification when last received (the largest over replicas), or null
     */
    public record Report(String lastObject, Instant lastReadAt, Long lagMillis, long objectsRead, long recordsRead,
            long objectsSkipped, long deadLettered, List<LogSourceStatus.SourceError> errors) {
    }
}
