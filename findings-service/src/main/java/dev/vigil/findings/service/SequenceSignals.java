package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Keeps archived and suppressed findings out of attack sequences (GuardDuty: archived findings are not signals).
 * findings-service is the only place that knows which findings are archived (by ArchiveFindings or by a suppression
 * rule when the finding was created), so it checks each attack-sequence candidate's {@code FINDING} signals against
 * the store in the candidate's transaction and drops those archived or suppressed. A sequence left without any
 * finding signal is no sequence (every detector rule for sequences needs one) and is not stored.
 */
final class SequenceSignals {

    /** Prefix of the attack-sequence finding types. */
    static final String PREFIX = "AttackSequence:";

    private SequenceSignals() {
    }

    /** Whether {@code doc} is an attack-sequence finding. */
    static boolean isSequence(JsonNode doc) {
        return doc.path("type").asText("").startsWith(PREFIX);
    }

    /**
     * Whether {@code incoming}'s sequence is at least as far along as {@code existing}'s (the sum of its signals'
     * counts, which only grows within a chain). Candidates are applied on a worker pool, not in order: an older
     * update applied after a newer one must not take the sequence, or its type, back.
     */
    static boolean notOlder(JsonNode existing, JsonNode incoming) {
        return events(incoming) >= events(existing);
    }

    private static long events(JsonNode doc) {
        long n = 0;
        for (JsonNode s : doc.at("/service/detection/sequence/signals")) {
            n += s.path("count").asLong(0);
        }
        return n;
    }

    /**
     * Removes from {@code doc}'s {@code service.detection.sequence.signals} the findings of its account that are
     * archived or suppressed.
     *
     * @return whether a finding signal remains (false: the candidate is no sequence and must not be stored)
     */
    static boolean withoutArchived(Connection c, ObjectNode doc) throws SQLException {
        JsonNode signals = doc.at("/service/detection/sequence/signals");
        if (!(signals instanceof ArrayNode list)) {
            return false;
        }
        List<String> ids = new ArrayList<>();
        list.forEach(s -> {
            if ("FINDING".equals(s.path("type").asText())) {
                ids.add(s.path("uid").asText());
            }
        });
        if (ids.isEmpty()) {
            return false;
        }
        Set<String> archived = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id from finding where account_id = ? and id = any(?) and (archived or suppressed)")) {
            ps.setString(1, doc.path("accountId").asText());
            Array array = c.createArrayOf("text", ids.toArray());
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    archived.add(rs.getString(1));
                }
            }
        }
        for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); ) {
            JsonNode s = it.next();
            if ("FINDING".equals(s.path("type").asText()) && archived.contains(s.path("uid").asText())) {
                it.remove();
            }
        }
        return archived.size() < ids.size();
    }
}
