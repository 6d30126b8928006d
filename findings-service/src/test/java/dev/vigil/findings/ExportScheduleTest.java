package dev.vigil.findings;

import static dev.vigil.findings.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.events.AccountState;
import dev.vigil.events.FindingEvent;
import dev.vigil.events.Json;
import dev.vigil.findings.repository.AccountRepository;
import dev.vigil.findings.repository.Db;
import dev.vigil.findings.service.Exporter;
import dev.vigil.findings.service.FilterService;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Export to {@code vigil.findings.events.v1} (issue 7 item 4): a new finding is published at once, an update waits
 * for the detector's {@code findingPublishingFrequency}, a finding archived by an ARCHIVE filter is never published.
 * Real consumers (account state and candidates through the in-memory connector), real PostgreSQL, the real
 * {@link Exporter} sweep (called directly: its schedule is off in tests); only the clock is the test's
 * ({@link TestClock}, moved forward instead of waiting hours).
 */
@QuarkusTest
class ExportScheduleTest {

    private static final String REGION = "us-east-1";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    Exporter exporter;

    @Inject
    FilterService filters;

    @Inject
    TestClock clock;

    @Inject
    Db db;

    InMemorySink<FindingEvent> sink;

    @BeforeEach
    void setUp() {
        sink = connector.sink("finding-events-out");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Gives {@code account} one detector in us-east-1 with {@code frequency}; returns its ID. */
    private String detector(String account, String frequency) {
        String detectorId = "d" + account + "exportexportexport";
        connector.source("accounts-state-in").send(Record.of(account, new AccountState(1, account,
                System.nanoTime(), List.of(TestData.detector(detectorId, REGION, frequency)), null, null, 0L)));
        await().atMost(Duration.ofSeconds(10)).until(() -> db.tx(c -> AccountRepository.detector(c, account, REGION)
                .filter(d -> d.frequency().equals(frequency)).isPresent()));
        return detectorId;
    }

    private void send(String eventId, String findingId, String account, String type, long count, String remoteIp) {
        Instant now = Instant.now();
        connector.source("candidates-in").send(TestData.keyed(candidate(eventId, findingId, account, type, 5.0, count,
                now, now, "i-exp", remoteIp, 22)));
    }

    private long storedCount(String id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count from finding where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1L;
                }
            }
        });
    }

    private List<FindingEvent> events(String findingId) {
        return sink.received().stream().map(m -> m.getPayload()).filter(e -> e.detail().id().equals(findingId)).toList();
    }

    @ParameterizedTest
    @CsvSource({"555555555555, FIFTEEN_MINUTES, 15", "666666666666, ONE_HOUR, 60", "777777777777, SIX_HOURS, 360"})
    void updatesFollowTheDetectorsPublishingFrequencyAndSuppressedFindingsAreNeverExported(String account,
            String frequency, int minutes) {
        String detectorId = detector(account, frequency);
        String type = "Recon:EC2/Export" + UUID.randomUUID().toString().substring(0, 8);
        String suppressedIp = "192.0.2." + (minutes % 250);
        filters.create(account, REGION, detectorId, Json.MAPPER.valueToTree(Map.of("name", "quiet-" + minutes,
                "action", "ARCHIVE", "findingCriteria", Map.of("criterion", Map.of("type", Map.of("eq", List.of(type)),
                        "service.action.networkConnectionAction.remoteIpDetails.ipAddressV4",
                        Map.of("eq", List.of(suppressedIp)))))));
        String id = UUID.randomUUID().toString().replace("-", "");
        String quiet = UUID.randomUUID().toString().replace("-", "");

        // new findings: the unsuppressed one is published at once, exactly once; the suppressed one never
        send("q1-" + quiet, quiet, account, type, 1, suppressedIp);
        send("n1-" + id, id, account, type, 1, "198.51.100.40");
        await().atMost(Duration.ofSeconds(10)).until(() -> events(id).size() == 1);
        assertThat(events(id).get(0).detail().service().count()).isEqualTo(1);
        assertThat(events(id).get(0).account()).isEqualTo(account);
        assertThat(storedCount(quiet)).isEqualTo(1);
        assertThat(events(quiet)).isEmpty();

        // updates are stored at once but not published before the interval has passed
        send("n2-" + id, id, account, type, 4, "198.51.100.40");
        send("q2-" + quiet, quiet, account, type, 4, suppressedIp);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedCount(id) == 5 && storedCount(quiet) == 5);
        exporter.sweep();
        clock.advance(Duration.ofMinutes(minutes - 3));
        exporter.sweep();
        assertThat(events(id)).hasSize(1);

        // once it has passed, exactly one event carries the latest state (both updates)
        send("n3-" + id, id, account, type, 2, "198.51.100.40");
        await().atMost(Duration.ofSeconds(10)).until(() -> storedCount(id) == 7);
        clock.advance(Duration.ofMinutes(4));
        exporter.sweep();
        assertThat(events(id)).hasSize(2);
        FindingEvent latest = events(id).get(1);
        assertThat(latest.detail().service().count()).isEqualTo(7);
        assertThat(latest.id()).isNotEqualTo(events(id).get(0).id());
        exporter.sweep();
        assertThat(events(id)).hasSize(2);

        // the suppressed finding stays unexported however much time passes
        clock.advance(Duration.ofDays(1));
        exporter.sweep();
        assertThat(events(quiet)).isEmpty();
        assertThat(events(id)).hasSize(2);
        filters.delete(account, REGION, detectorId, "quiet-" + minutes);
    }
}
