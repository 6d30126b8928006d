package dev.vigil.detector.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Finding;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Turns a {@link Hit} into a {@link FindingCandidate} in GuardDuty's finding shape. */
public final class FindingFactory {

    /** GuardDuty's partition for findings. */
    public static final String PARTITION = "aws";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FindingFactory() {
    }

    /** ISO-8601 UTC with milliseconds, as GuardDuty writes times. */
    public static String iso(long epochMs) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMs));
    }

    /**
     * The candidate for {@code hit} in one account and region.
     *
     * <p>{@code createdAt} and {@code updatedAt} are the hit's last-seen time, so replaying the same input gives
     * byte-identical findings; {@code observedAt} is {@code observedAtMs}.
     */
    public static FindingCandidate candidate(Hit hit, String accountId, String region, String detectorId,
            long observedAtMs) {
        String id = FindingIds.findingId(accountId, region, hit.type(), hit.aggregationKey());
        ObjectNode evidence = null;
        if (hit.threats() != null && !hit.threats().isEmpty()) {
            evidence = Json.MAPPER.createObjectNode();
            ArrayNode details = evidence.putArray("threatIntelligenceDetails");
            for (Hit.ThreatDetail t : hit.threats()) {
                ObjectNode d = details.addObject();
                d.put("threatListName", t.threatListName());
                ArrayNode names = d.putArray("threatNames");
                t.threatNames().forEach(names::add);
            }
        }
        String first = iso(hit.firstSeenMs());
        String last = iso(hit.lastSeenMs());
        Finding.FindingService service = new Finding.FindingService(hit.action(), evidence, false, hit.count(),
                detectorId, first, last, hit.resourceRole(), "guardduty", null, hit.additionalInfo(), null, null);
        Finding finding = new Finding(accountId, FindingIds.arn(PARTITION, region, accountId, detectorId, id), null,
                last, hit.description(), id, PARTITION, region, hit.resource(), Finding.GUARDDUTY_SCHEMA_VERSION,
                service, hit.severity(), hit.title(), hit.type(), last);
        return new FindingCandidate(FindingCandidate.SCHEMA_VERSION,
                FindingIds.candidateEventId(id, hit.evidenceId()), finding, observedAtMs);
    }
}
