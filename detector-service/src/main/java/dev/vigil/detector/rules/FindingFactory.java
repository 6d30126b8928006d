package dev.vigil.detector.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Finding;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Json;
import dev.vigil.events.model.AdditionalInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The one path from a rule's {@link Hit} to a {@link FindingCandidate} in GuardDuty's finding shape, used by every
 * family (signatures, threat lists, windowed and behavioural rules). It applies the configured severity overrides
 * ({@code detector.rules.severity-overrides}) to every type, on top of the defaults of {@link Severities}.
 */
public final class FindingFactory {

    /** GuardDuty's partition for findings. */
    public static final String PARTITION = "aws";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, Double> overrides;
    private final LongSupplier clock;

    /** A factory with severity {@code overrides} by type (scores 1.0 to 10.0) and the system clock. */
    public FindingFactory(Map<String, Double> overrides) {
        this(overrides, System::currentTimeMillis);
    }

    /** A factory with severity {@code overrides}; {@code clock} gives each candidate's {@code observedAt} (UTC ms). */
    public FindingFactory(Map<String, Double> overrides, LongSupplier clock) {
        this.overrides = Map.copyOf(overrides);
        this.clock = clock;
    }

    /** ISO-8601 UTC with milliseconds, as GuardDuty writes times. */
    public static String iso(long epochMs) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMs));
    }

    /** The severity of {@code hit} after the configured override of its type, if any. */
    public double severity(Hit hit) {
        return overrides.getOrDefault(hit.type(), hit.severity());
    }

    /** The candidate for {@code hit} in {@code scope}, without a {@code service.detection} block. */
    public FindingCandidate candidate(Hit hit, Scope scope) {
        return candidate(hit, null, scope);
    }

    /**
     * The candidate for {@code hit} in one account and region.
     *
     * <p>{@code createdAt} and {@code updatedAt} are the hit's last-seen time, so replaying the same input gives
     * byte-identical findings (but for {@code observedAt}, the factory's clock).
     *
     * @param detection GuardDuty's {@code service.detection} block (the anomaly explanation of behavioural rules),
     *                  or {@code null}
     */
    public FindingCandidate candidate(Hit hit, JsonNode detection, Scope scope) {
        String id = FindingIds.findingId(scope.accountId(), scope.region(), hit.type(), hit.aggregationKey());
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
                scope.detectorId(), first, last, hit.resourceRole(), "guardduty", null, AdditionalInfo.wrap(hit.additionalInfo()), null,
                detection);
        Finding finding = new Finding(scope.accountId(), FindingIds.arn(PARTITION, scope.region(), scope.accountId(),
                scope.detectorId(), id), null, last, hit.description(), id, PARTITION, scope.region(), hit.resource(),
                Finding.GUARDDUTY_SCHEMA_VERSION, service, severity(hit), hit.title(), hit.type(), last);
        return new FindingCandidate(FindingCandidate.SCHEMA_VERSION,
                FindingIds.candidateEventId(id, hit.evidenceId()), finding, clock.getAsLong());
    }
}
