package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Json;
import dev.vigil.events.model.FindingShapes;
import dev.vigil.events.Keys;
import dev.vigil.findings.repository.AccountRepository;
import dev.vigil.findings.repository.Criteria;
import dev.vigil.findings.repository.Db;
import dev.vigil.findings.repository.FindingFields;
import dev.vigil.findings.repository.FindingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Aggregates finding candidates into findings. A candidate's {@code finding.service.count} is the number of events
 * it adds; its {@code eventId} is recorded in {@code processed_event} in the same transaction, so a redelivered
 * candidate changes nothing. A new ID is inserted ({@code INSERT ... ON CONFLICT DO NOTHING}); a known ID is updated
 * under a row lock: count added, eventFirstSeen = min, eventLastSeen = max, severity = max, updatedAt = now, latest
 * resource and action details; archived and feedback stay as they are. New findings matching an ARCHIVE filter of
 * their account and region are archived at once (suppressed) and never exported. Attack sequences
 * ({@code AttackSequence:*}) lose their archived or suppressed finding signals first ({@link SequenceSignals}), take
 * the newest type and {@code service.detection} on update, and are not stored when no finding signal remains.
 */
@ApplicationScoped
public class FindingStore {

    /** What a candidate did. */
    public enum Outcome { NEW, UPDATED, DUPLICATE }

    /** The result of one candidate. */
    public record Applied(String findingId, Outcome outcome, boolean suppressed, ObjectNode doc) {
    }

    private final Db db;

    public FindingStore(Db db) {
        this.db = db;
    }

    /**
     * Applies one candidate in one transaction.
     *
     * @throws IllegalArgumentException if the candidate is malformed (it then goes to the dead-letter topic)
     */
    public Applied apply(FindingCandidate candidate) {
        ObjectNode incoming = validate(candidate);
        String id = incoming.get("id").asText();
        return db.tx(c -> {
            if (!recordFirstDelivery(c, candidate.eventId(), id)) {
                return new Applied(id, Outcome.DUPLICATE, false, null);
            }
            return upsert(c, incoming);
        });
    }

    /**
     * Records that the candidate with {@code eventId} is being applied (table {@code processed_event}, in the
     * candidate's transaction); false when it was applied before, i.e. this delivery is a redelivery.
     */
    private static boolean recordFirstDelivery(Connection c, String eventId, String findingId) throws SQLException {
        return Db.update(c, "insert into processed_event (event_id, finding_id) values (?, ?) on conflict do nothing",
                eventId, findingId) == 1;
    }

    /** Inserts or merges {@code incoming} (already validated) within the caller's transaction. */
    public Applied upsert(Connection c, ObjectNode incoming) throws SQLException {
        String id = incoming.get("id").asText();
        if (SequenceSignals.isSequence(incoming) && !SequenceSignals.withoutArchived(c, incoming)) {
            return new Applied(id, Outcome.DUPLICATE, false, null);
        }
        var existing = FindingRepository.lock(c, id);
        if (existing.isEmpty()) {
            ObjectNode doc = newFinding(c, incoming);
            if (FindingRepository.insert(c, doc, false, true)) {
                boolean suppressed = suppress(c, doc);
                if (suppressed) {
                    ((ObjectNode) doc.get("service")).put("archived", true);
                    FindingRepository.update(c, doc, true, false);
                }
                return new Applied(id, Outcome.NEW, suppressed, doc);
            }
            existing = FindingRepository.lock(c, id);
        }
        FindingRepository.Locked locked = existing.orElseThrow();
        ObjectNode merged = merge(locked.doc(), incoming);
        FindingRepository.update(c, merged, locked.suppressed(), !locked.suppressed());
        return new Applied(id, Outcome.UPDATED, locked.suppressed(), merged);
    }

    private static ObjectNode validate(FindingCandidate candidate) {
        if (candidate == null || candidate.finding() == null) {
            throw new IllegalArgumentException("candidate has no finding");
        }
        if (candidate.eventId() == null || candidate.eventId().isBlank()) {
            throw new IllegalArgumentException("candidate has no eventId");
        }
        ObjectNode doc = FindingShapes.conform((ObjectNode) Json.MAPPER.valueToTree(candidate.finding()));
        for (String member : new String[] {"id", "accountId", "region", "type"}) {
            if (!doc.hasNonNull(member) || doc.get(member).asText().isBlank()) {
                throw new IllegalArgumentException("candidate finding has no " + member);
            }
        }
        if (!Keys.isAccountId(doc.get("accountId").asText())) {
            throw new IllegalArgumentException("candidate finding accountId is not 12 digits");
        }
        double severity = doc.path("severity").asDouble(0);
        if (severity < 1.0 || severity > 10.0) {
            throw new IllegalArgumentException("candidate finding severity must be 1.0 to 10.0: " + severity);
        }
        if (!doc.has("service") || !doc.get("service").isObject()) {
            doc.putObject("service");
        }
        ObjectNode service = (ObjectNode) doc.get("service");
        long count = service.path("count").asLong(1);
        service.put("count", count < 1 ? 1 : count);
        String observed = iso(Instant.ofEpochMilli(candidate.observedAt() > 0 ? candidate.observedAt()
                : System.currentTimeMillis()));
        if (FindingFields.parseInstant(service.path("eventFirstSeen").asText(null)) == null) {
            service.put("eventFirstSeen", observed);
        }
        if (FindingFields.parseInstant(service.path("eventLastSeen").asText(null)) == null) {
            service.put("eventLastSeen", service.get("eventFirstSeen").asText());
        }
        return doc;
    }

    private ObjectNode newFinding(Connection c, ObjectNode incoming) throws SQLException {
        ObjectNode doc = incoming.deepCopy();
        String now = iso(Instant.now());
        doc.put("createdAt", now);
        doc.put("updatedAt", now);
        if (!doc.hasNonNull("schemaVersion")) {
            doc.put("schemaVersion", dev.vigil.events.Finding.GUARDDUTY_SCHEMA_VERSION);
        }
        if (!doc.hasNonNull("partition")) {
            doc.put("partition", "aws");
        }
        ObjectNode service = (ObjectNode) doc.get("service");
        service.put("archived", false);
        service.remove("userFeedback");
        if (!service.hasNonNull("serviceName")) {
            service.put("serviceName", "guardduty");
        }
        String account = doc.get("accountId").asText();
        String region = doc.get("region").asText();
        if (!service.hasNonNull("detectorId")) {
            AccountRepository.detector(c, account, region).ifPresent(d -> service.put("detectorId", d.detectorId()));
        }
        if (!doc.hasNonNull("arn") && service.hasNonNull("detectorId")) {
            doc.put("arn", FindingIds.arn(doc.get("partition").asText(), region, account,
                    service.get("detectorId").asText(), doc.get("id").asText()));
        }
        return doc;
    }

    /** The existing finding after adding one candidate's observation. */
    static ObjectNode merge(ObjectNode existing, ObjectNode incoming) {
        ObjectNode doc = existing.deepCopy();
        ObjectNode service = (ObjectNode) doc.get("service");
        ObjectNode in = (ObjectNode) incoming.get("service");
        service.put("count", service.path("count").asLong(0) + in.path("count").asLong(1));
        Instant first = min(FindingFields.parseInstant(service.path("eventFirstSeen").asText(null)),
                FindingFields.parseInstant(in.path("eventFirstSeen").asText(null)));
        Instant last = max(FindingFields.parseInstant(service.path("eventLastSeen").asText(null)),
                FindingFields.parseInstant(in.path("eventLastSeen").asText(null)));
        service.put("eventFirstSeen", iso(first));
        service.put("eventLastSeen", iso(last));
        boolean sequence = SequenceSignals.isSequence(incoming);
        if (sequence && !SequenceSignals.notOlder(existing, incoming)) {
            // an older update of the sequence applied late: its events count, its content is superseded
            doc.put("updatedAt", iso(Instant.now()));
            return doc;
        }
        for (String member : new String[] {"action", "evidence", "additionalInfo", "resourceRole", "detection"}) {
            if (in.hasNonNull(member)) {
                service.set(member, in.get(member));
            }
        }
        if (sequence) {
            // a credential sequence that reaches S3 data becomes a data sequence: same finding, the newer type
            doc.set("type", incoming.get("type"));
        }
        for (String member : new String[] {"resource", "title", "description", "confidence"}) {
            if (incoming.hasNonNull(member)) {
                doc.set(member, incoming.get(member));
            }
        }
        doc.put("severity", Math.max(doc.path("severity").asDouble(0), incoming.path("severity").asDouble(0)));
        doc.put("updatedAt", iso(Instant.now()));
        return doc;
    }

    /** Whether an ARCHIVE filter of the finding's account and region matches it (filters by rank). */
    private static boolean suppress(Connection c, ObjectNode doc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select criteria::text from finding_filter where account_id = ? "
                + "and region = ? and action = 'ARCHIVE' order by rank, name")) {
            ps.setString(1, doc.get("accountId").asText());
            ps.setString(2, doc.get("region").asText());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Criteria criteria = Criteria.compile(Json.read(rs.getString(1), JsonNode.class));
                    if (FindingRepository.matches(c, doc.get("id").asText(), criteria)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** GuardDuty's time format: ISO-8601 UTC with milliseconds. */
    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString().replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }
}
