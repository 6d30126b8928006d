package dev.vigil.findings;

import static dev.vigil.findings.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.events.Json;
import dev.vigil.findings.repository.AccountRepository;
import dev.vigil.findings.repository.Db;
import dev.vigil.findings.service.FilterService;
import dev.vigil.findings.service.FindingService;
import dev.vigil.findings.service.FindingStore;
import dev.vigil.findings.service.Retention;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention (issue 7 item 5) on the real PostgreSQL ({@code vigil_test}): findings are created through the real
 * store, then their {@code updatedAt} is set back in the database (the only test-made state); the purge is the
 * service's own ({@link Retention#purge()}, the method the hourly schedule calls). Nothing is mocked.
 */
@QuarkusTest
class RetentionTest {

    private static final String REGION = "us-east-1";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    FindingStore store;

    @Inject
    FindingService findings;

    @Inject
    FilterService filters;

    @Inject
    Retention retention;

    @Inject
    Db db;

    @BeforeEach
    void setUp() {
        accounts(connector);
        for (String account : List.of(A111, A222, A333)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> db.tx(c -> AccountRepository.detector(c, account, REGION).isPresent()));
        }
    }

    /** A new finding of {@code account} whose {@code updatedAt} (column and document) is {@code ageDays} ago. */
    private String finding(String account, String type, double ageDays) {
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        store.apply(candidate("r-" + id, id, account, type, 5.0, 1, now, now, "i-ret", "198.51.100.30", 22));
        Instant updated = now.minusSeconds((long) (ageDays * 86_400));
        db.tx(c -> Db.update(c, "update finding set updated_at = ?, doc = jsonb_set(doc, '{updatedAt}', to_jsonb(?::text)) "
                + "where id = ?", updated, FindingStore.iso(updated), id));
        return id;
    }

    private Set<String> existing(String table, String column, List<String> ids) {
        return db.tx(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("select " + column + " from " + table + " where " + column
                    + " = any(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private void feedback(String account, String detector, List<String> ids) {
        findings.feedback(account, REGION, detector, Json.MAPPER.valueToTree(Map.of("findingIds", ids,
                "feedback", "NOT_USEFUL", "comments", "retention test")));
    }

    @Test
    void findingsNotUpdatedForTheRetentionPeriodArePurgedInEveryAccountWithTheirFeedback() {
        String type = "Recon:EC2/Retention" + UUID.randomUUID().toString().substring(0, 8);
        List<String> old = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String account : List.of(A111, A222, A333)) {
            old.add(finding(account, type, 91));
            old.add(finding(account, type, 400));
            kept.add(finding(account, type, 89));
            kept.add(finding(account, type, 0));
        }
        List<String> all = new ArrayList<>(old);
        all.addAll(kept);
        // feedback on old and kept findings: each account on its own, and the administrator 111 on its member 222's
        feedback(A111, DET111, List.of(old.get(0), kept.get(0), old.get(2), kept.get(2)));
        feedback(A222, DET222, List.of(old.get(2), kept.get(2)));
        feedback(A333, DET333, List.of(old.get(4), old.get(5), kept.get(4)));
        // a suppression rule of 333 is an account setting: it stays
        String filter = "ret-" + UUID.randomUUID().toString().substring(0, 8);
        filters.create(A333, REGION, DET333, Json.MAPPER.valueToTree(Map.of("name", filter, "action", "ARCHIVE",
                "findingCriteria", Map.of("criterion", Map.of("type", Map.of("eq", List.of(type)))))));
        // webhook dead letters: one older than the retention period, one recent
        String deadOld = "dl-old-" + UUID.randomUUID();
        String deadNew = "dl-new-" + UUID.randomUUID();
        db.tx(c -> Db.update(c, "insert into webhook_dead_letter (account_id, destination_id, finding_id, payload, error, "
                + "attempts, failed_at) values (?, 'd', ?, '{}', 'HTTP 503', 4, now() - interval '91 days'), "
                + "(?, 'd', ?, '{}', 'HTTP 503', 4, now() - interval '1 day')", A333, deadOld, A333, deadNew));
        assertThat(existing("finding", "id", all)).hasSize(12);
        assertThat(existing("processed_event", "finding_id", all)).hasSize(12);
        assertThat(existing("finding_feedback", "finding_id", all)).hasSize(7);

        // the hourly job's purge, in batches of 2 so that several batches run
        assertThat(retention.purge(90, 2)).isEqualTo(old.size());

        assertThat(existing("finding", "id", all)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(existing("processed_event", "finding_id", all)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(existing("finding_feedback", "finding_id", all)).containsExactlyInAnyOrder(kept.get(0), kept.get(2),
                kept.get(4));
        assertThat(existing("webhook_dead_letter", "finding_id", List.of(deadOld, deadNew))).containsExactly(deadNew);
        assertThat(filters.get(A333, REGION, DET333, filter).get("action").asText()).isEqualTo("ARCHIVE");
        // GetFindings answers a purged finding like an unknown one; the kept ones are still there
        assertThat(findings.get(A111, REGION, DET111, Json.MAPPER.valueToTree(Map.of("findingIds",
                List.of(old.get(0), old.get(2), kept.get(0), kept.get(2))))).get("findings"))
                .extracting(f -> f.get("id").asText()).containsExactlyInAnyOrder(kept.get(0), kept.get(2));

        // a second run finds nothing left to purge
        assertThat(retention.purge()).isZero();
        // the period is configurable: with 30 days the 89-day-old findings go too
        assertThat(retention.purge(30, Retention.BATCH)).isEqualTo(3);
        assertThat(existing("finding", "id", all)).hasSize(3);
        filters.delete(A333, REGION, DET333, filter);
    }
}
