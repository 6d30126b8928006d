package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A finding in GuardDuty's JSON model (shape {@code Finding} of the GuardDuty API, member names from each
 * member's {@code locationName}). Times are ISO-8601 UTC strings with milliseconds, as GuardDuty writes them;
 * {@code severity} is 1.0 to 10.0 (see {@link Severity}).
 *
 * <p>{@code resource} ({@code Resource}: {@code resourceType}, {@code instanceDetails}, {@code accessKeyDetails},
 * ...) is kept as JSON because its shape varies by resource type; {@link FindingService} holds the
 * {@code service} block.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        String accountId,
        String arn,
        Double confidence,
        String createdAt,
        String description,
        String id,
        String partition,
        String region,
        JsonNode resource,
        String schemaVersion,
        FindingService service,
        double severity,
        String title,
        String type,
        String updatedAt) {

    /** GuardDuty's finding schema version. */
    public static final String GUARDDUTY_SCHEMA_VERSION = "2.0";

    /**
     * GuardDuty's {@code Service} block. {@code action}, {@code evidence}, {@code additionalInfo} and
     * {@code detection} keep GuardDuty's member names ({@code actionType}, {@code networkConnectionAction},
     * {@code portProbeAction}, {@code dnsRequestAction}, {@code awsApiCallAction}, {@code threatIntelligenceDetails},
     * {@code anomaly}, ...).
     *
     * @param count          how many times the activity was seen
     * @param eventFirstSeen ISO-8601 UTC
     * @param eventLastSeen  ISO-8601 UTC
     * @param resourceRole   {@code ACTOR} or {@code TARGET}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FindingService(
            JsonNode action,
            JsonNode evidence,
            Boolean archived,
            Long count,
            String detectorId,
            String eventFirstSeen,
            String eventLastSeen,
            String resourceRole,
            String serviceName,
            String userFeedback,
            JsonNode additionalInfo,
            String featureName,
            JsonNode detection) {
    }
}
