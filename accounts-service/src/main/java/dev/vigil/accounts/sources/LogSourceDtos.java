package dev.vigil.accounts.sources;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.events.LogSourceStatus;
import java.util.List;

/** Answers of the log source API (Vigil extension in GuardDuty's style: camelCase members, times ISO-8601 UTC). */
public final class LogSourceDtos {

    private LogSourceDtos() {
    }

    /**
     * CreateLogSourceResponse: the new source's ID and, for kind {@code FIREHOSE}, its access key (the value to
     * configure as the Firehose stream's HTTP endpoint access key), shown this once: Vigil keeps only its hash.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateLogSourceResponse(String logSourceId, String firehoseAccessKey) {

        /** The answer for {@code c}. */
        public static CreateLogSourceResponse of(LogSourceService.Created c) {
            return new CreateLogSourceResponse(c.logSourceId(), c.firehoseAccessKey());
        }
    }

    /** ListLogSourcesResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListLogSourcesResponse(List<String> logSourceIds, String nextToken) {
    }

    /** The credentials as GetLogSource names them: never a secret, an external ID or a session token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CredentialsSummary(String roleArn, String accessKeyId) {
    }

    /**
     * What the reader reported: the last object read to its end and when, the age of the oldest notification when
     * last received ({@code lagSeconds}), counters since each reader replica started, and the latest errors.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusDetails(String lastObject, String lastReadAt, Long lagSeconds, long objectsRead, long recordsRead,
            long objectsSkipped, long deadLettered, List<LogSourceStatus.SourceError> errors) {
    }

    /** GetLogSourceResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetLogSourceResponse(String logSourceId, String name, String kind, String logType, String region,
            String queueUrl, String bucket, String prefix, String endpoint, CredentialsSummary credentials,
            String startTime, String status, String createdAt, String updatedAt, StatusDetails statusDetails) {

        /** The answer for {@code s}. */
        public static GetLogSourceResponse of(LogSource s) {
            LogSource.Report r = s.report();
            StatusDetails d = new StatusDetails(r.lastObject(), iso(r.lastReadAt()),
                    r.lagMillis() == null ? null : r.lagMillis() / 1000, r.objectsRead(), r.recordsRead(),
                    r.objectsSkipped(), r.deadLettered(), r.errors());
            CredentialsSummary c = s.roleArn() == null && s.accessKeyId() == null ? null
                    : new CredentialsSummary(s.roleArn(), s.accessKeyId());
            return new GetLogSourceResponse(s.logSourceId(), s.name(), s.kind(), s.logType(), s.region(), s.queueUrl(),
                    s.bucket(), s.prefix(), s.endpoint(), c, iso(s.startTime()), s.status(), iso(s.createdAt()),
                    iso(s.updatedAt()), d);
        }

        private static String iso(java.time.Instant t) {
            return t == null ? null : t.toString();
        }
    }
}
