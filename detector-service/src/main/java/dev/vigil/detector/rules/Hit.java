package dev.vigil.detector.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a detection found, before it becomes a {@link dev.vigil.events.FindingCandidate}: the GuardDuty type and
 * severity, the aggregation key that makes occurrences "the same activity", and the GuardDuty blocks.
 *
 * @param aggregationKey deterministic: together with account, region and type it gives the finding ID
 * @param evidenceId     what makes this observation unique (CloudTrail eventID, flow record eventId, window start),
 *                       so the candidate's event ID is deterministic
 * @param resource       GuardDuty {@code Resource} JSON
 * @param action         GuardDuty {@code Action} JSON ({@code actionType} + its block)
 * @param resourceRole   {@code ACTOR} or {@code TARGET}
 * @param threats        {@code threatIntelligenceDetails} entries, empty when no list matched
 * @param count          events this observation adds to the finding
 * @param firstSeenMs    UTC epoch ms of the first event
 * @param lastSeenMs     UTC epoch ms of the last event
 * @param additionalInfo GuardDuty {@code additionalInfo} JSON, or {@code null}
 */
public record Hit(String type, double severity, String title, String description, String aggregationKey,
        String evidenceId, JsonNode resource, JsonNode action, String resourceRole, List<ThreatDetail> threats,
        long count, long firstSeenMs, long lastSeenMs, JsonNode additionalInfo) {

    /** This hit as one observation adding {@code count} events, unique by {@code evidenceId}. */
    public Hit withCount(long count, String evidenceId) {
        return new Hit(type, severity, title, description, aggregationKey, evidenceId, resource, action, resourceRole,
                threats, count, firstSeenMs, lastSeenMs, additionalInfo);
    }

    /** One {@code threatIntelligenceDetails} entry. */
    public record ThreatDetail(String threatListName, List<String> threatNames) {
    }
}
