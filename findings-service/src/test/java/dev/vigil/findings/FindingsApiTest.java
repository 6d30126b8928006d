package dev.vigil.findings;

import static dev.vigil.findings.TestData.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.events.AccountState;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingEvent;
import dev.vigil.findings.service.FindingStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.BadRequestException;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.Feedback;
import software.amazon.awssdk.services.guardduty.model.FilterAction;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.guardduty.model.FindingCriteria;
import software.amazon.awssdk.services.guardduty.model.FindingStatisticType;
import software.amazon.awssdk.services.guardduty.model.GroupByType;
import software.amazon.awssdk.services.guardduty.model.ListFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.OrderBy;

/**
 * The findings API end to end through the AWS SDK for Java v2 GuardDuty client and REST Assured, on the real
 * PostgreSQL ({@code vigil_test}). Account state and candidates arrive through the in-memory connector (the real
 * consumers run); the identity comes from {@code @TestSecurity} with an {@code account_id} claim. Nothing is mocked.
 */
@QuarkusTest
class FindingsApiTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    FindingStore store;

    GuardDutyClient gd;

    @BeforeEach
    void setUp() {
        accounts(connector);
        gd = client(root, "");
    }

    private static String uniqueType() {
        return "Recon:EC2/Test" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static FindingCriteria byType(String type, Map<String, Condition> more) {
        Map<String, Condition> m = new java.util.HashMap<>(more);
        m.put("type", Condition.builder().eq(type).build());
        return FindingCriteria.builder().criterion(m).build();
    }

    private String finding(String account, String type, double severity, long count, String instance, String ip, int port) {
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        store.apply(candidate(UUID.randomUUID().toString(), id, account, type, severity, count, now.minusSeconds(60), now,
                instance, ip, port));
        return id;
    }

    private List<String> list(GuardDutyClient client, String detector, FindingCriteria criteria) {
        return client.listFindings(r -> r.detectorId(detector).findingCriteria(criteria)).findingIds();
    }

    private void awaitDetector(GuardDutyClient client, String detector) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> client.listFindings(r -> r.detectorId(detector).maxResults(1)) != null);
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void candidatesAggregateIntoOneFindingAndRedeliveryChangesNothing() {
        awaitDetector(gd, DET333);
        String type = uniqueType();
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        FindingCandidate first = candidate("e1-" + id, id, A333, type, 5.0, 3, t0, t0.plusSeconds(60), "i-1", "198.51.100.7", 22);
        FindingCandidate second = candidate("e2-" + id, id, A333, type, 8.0, 2, t0.minusSeconds(30), t0.plusSeconds(30),
                "i-2", "198.51.100.8", 22);
        assertThat(store.apply(first).outcome()).isEqualTo(FindingStore.Outcome.NEW);
        assertThat(store.apply(second).outcome()).isEqualTo(FindingStore.Outcome.UPDATED);
        assertThat(store.apply(first).outcome()).isEqualTo(FindingStore.Outcome.DUPLICATE);

        Finding f = gd.getFindings(r -> r.detectorId(DET333).findingIds(id)).findings().get(0);
        assertThat(f.service().count()).isEqualTo(5);
        assertThat(f.service().eventFirstSeen()).isEqualTo("2026-11-01T09:59:30.000Z");
        assertThat(f.service().eventLastSeen()).isEqualTo("2026-11-01T10:01:00.000Z");
        assertThat(f.severity()).isEqualTo(8.0);
        assertThat(f.resource().instanceDetails().instanceId()).isEqualTo("i-2");
        assertThat(f.service().archived()).isFalse();
        assertThat(f.service().detectorId()).isEqualTo(DET333);
        assertThat(f.arn()).endsWith(":detector/" + DET333 + "/finding/" + id);
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void consumerExportsNewFindingsAtOnceAndSendsPoisonToTheDeadLetterPath() {
        awaitDetector(gd, DET333);
        var sink = connector.<FindingEvent>sink("finding-events-out");
        String type = uniqueType();
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        connector.source("candidates-in").send(keyed(candidate("ev-" + id, id, A333, type, 5.0, 1, now, now, "i-9", "198.51.100.9", 80)));
        await().atMost(Duration.ofSeconds(10)).until(() -> list(gd, DET333, byType(type, Map.of())).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().stream()
                .anyMatch(m -> m.getPayload().detail().id().equals(id)));
        FindingEvent event = sink.received().stream().map(m -> m.getPayload())
                .filter(e -> e.detail().id().equals(id)).findFirst().orElseThrow();
        assertThat(event.detailType()).isEqualTo("GuardDuty Finding");
        assertThat(event.source()).isEqualTo("aws.guardduty");
        assertThat(event.account()).isEqualTo(A333);
        assertThat(event.region()).isEqualTo("us-east-1");

        // an update is not exported at once: it waits for the detector's publishing frequency (SIX_HOURS)
        int before = sink.received().size();
        connector.source("candidates-in").send(keyed(candidate("ev2-" + id, id, A333, type, 5.0, 4, now, now, "i-9", "198.51.100.9", 80)));
        await().atMost(Duration.ofSeconds(10)).until(() -> gd.getFindings(r -> r.detectorId(DET333).findingIds(id))
                .findings().get(0).service().count() == 5);
        assertThat(sink.received().size()).isEqualTo(before);

        // a malformed candidate does not stop the consumer
        connector.source("candidates-in").send(keyed(candidate("bad-" + id, "x" + id, "not-an-account", type, 5.0, 1, now, now,
                "i-9", "198.51.100.9", 80)));
        String id2 = UUID.randomUUID().toString().replace("-", "");
        connector.source("candidates-in").send(keyed(candidate("ev-" + id2, id2, A333, type, 5.0, 1, now, now, "i-9", "198.51.100.9", 81)));
        await().atMost(Duration.ofSeconds(10)).until(() -> list(gd, DET333, byType(type, Map.of())).size() == 2);
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private double mismatches(String topic) {
        var c = registry.find(dev.vigil.events.KeyGuard.METRIC).tag("topic", topic).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void recordsWhoseAccountDoesNotMatchTheirKeyAreDroppedAndCounted() {
        awaitDetector(gd, DET333);
        String type = uniqueType();
        Instant now = Instant.now();
        String misfiled = UUID.randomUUID().toString().replace("-", "");
        String kept = UUID.randomUUID().toString().replace("-", "");
        double candidatesBefore = mismatches(dev.vigil.events.Topics.FINDINGS_CANDIDATES);
        // a candidate under another finding's key is dropped; a correctly keyed one is stored
        connector.source("candidates-in").send(Record.of(kept, candidate("mis-" + misfiled, misfiled, A333, type, 5.0, 1,
                now, now, "i-9", "198.51.100.9", 80)));
        connector.source("candidates-in").send(keyed(candidate("ok-" + kept, kept, A333, type, 5.0, 1, now, now, "i-9",
                "198.51.100.9", 82)));
        await().atMost(Duration.ofSeconds(10)).until(() -> list(gd, DET333, byType(type, Map.of())).size() == 1
                && mismatches(dev.vigil.events.Topics.FINDINGS_CANDIDATES) == candidatesBefore + 1);
        assertThat(list(gd, DET333, byType(type, Map.of()))).containsExactly(kept);

        // 333333333333's state (no detectors) written under another account's key changes nothing
        double statesBefore = mismatches(dev.vigil.events.Topics.ACCOUNTS_STATE);
        connector.source("accounts-state-in").send(Record.of("555555555555",
                new AccountState(1, A333, 1_000_000, List.of(), null, null, 0L)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mismatches(dev.vigil.events.Topics.ACCOUNTS_STATE) == statesBefore + 1);
        assertThat(list(gd, DET333, byType(type, Map.of()))).containsExactly(kept);
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void everyCriteriaOperator() {
        awaitDetector(gd, DET333);
        String type = uniqueType();
        String low = finding(A333, type, 2.0, 1, "i-low", "203.0.113.1", 22);
        String mid = finding(A333, type, 5.0, 1, "i-mid", "203.0.113.2", 80);
        String high = finding(A333, type, 8.0, 1, "i-high", "203.0.113.3", 443);
        assertThat(list(gd, DET333, byType(type, Map.of()))).containsExactlyInAnyOrder(low, mid, high);
        assertThat(list(gd, DET333, byType(type, Map.of("severity", Condition.builder().gt(5).build())))).containsExactly(high);
        assertThat(list(gd, DET333, byType(type, Map.of("severity", Condition.builder().gte(5).build()))))
                .containsExactlyInAnyOrder(mid, high);
        assertThat(list(gd, DET333, byType(type, Map.of("severity", Condition.builder().lt(5).build())))).containsExactly(low);
        assertThat(list(gd, DET333, byType(type, Map.of("severity", Condition.builder().lte(5).build()))))
                .containsExactlyInAnyOrder(low, mid);
        assertThat(list(gd, DET333, byType(type, Map.of("severity", Condition.builder().greaterThan(5L).build()))))
                .containsExactly(high);
        assertThat(list(gd, DET333, byType(type, Map.of("severity", Condition.builder().greaterThanOrEqual(8L).build()))))
                .containsExactly(high);
        assertThat(list(gd, DET333, byType(type, Map.of("severity", Condition.builder().lessThan(5L).build()))))
                .containsExactly(low);
        assertThat(list(gd, DET333, byType(type, Map.of("severity", Condition.builder().lessThanOrEqual(2L).build()))))
                .containsExactly(low);
        assertThat(list(gd, DET333, byType(type, Map.of("resource.instanceDetails.instanceId",
                Condition.builder().neq("i-low").build())))).containsExactlyInAnyOrder(mid, high);
        assertThat(list(gd, DET333, byType(type, Map.of("resource.instanceDetails.instanceId",
                Condition.builder().equalsValue("i-mid", "i-high").build())))).containsExactlyInAnyOrder(mid, high);
        assertThat(list(gd, DET333, byType(type, Map.of("service.action.networkConnectionAction.remoteIpDetails.ipAddressV4",
                Condition.builder().notEquals("203.0.113.3").build())))).containsExactlyInAnyOrder(low, mid);
        assertThat(list(gd, DET333, byType(type, Map.of("service.action.networkConnectionAction.localPortDetails.port",
                Condition.builder().eq("443").build())))).containsExactly(high);
        long future = Instant.now().plusSeconds(3600).toEpochMilli();
        assertThat(list(gd, DET333, byType(type, Map.of("updatedAt", Condition.builder().greaterThan(future).build())))).isEmpty();
        assertThat(list(gd, DET333, byType(type, Map.of("updatedAt", Condition.builder().lessThan(future).build()))))
                .hasSize(3);
        assertThat(list(gd, DET333, byType(type, Map.of("service.archived", Condition.builder().eq("false").build()))))
                .hasSize(3);
        assertThat(list(gd, DET333, byType(type, Map.of("service.additionalInfo.threatListName",
                Condition.builder().eq("ProofPoint").build())))).hasSize(3);
        assertThat(list(gd, DET333, byType(type, Map.of("service.resourceRole", Condition.builder().eq("ACTOR").build()))))
                .isEmpty();

        // matches / notMatches (wildcards) through the REST API
        given().contentType("application/json").body("""
                {"findingCriteria":{"criterion":{"type":{"eq":["%s"]},
                 "resource.instanceDetails.instanceId":{"matches":["i-h*"]}}}}""".formatted(type))
                .post("/detector/" + DET333 + "/findings").then().statusCode(200).body("findingIds.size()", equalTo(1));

        // sorted by severity, descending
        assertThat(gd.listFindings(r -> r.detectorId(DET333).findingCriteria(byType(type, Map.of()))
                .sortCriteria(s -> s.attributeName("severity").orderBy(OrderBy.DESC))).findingIds())
                .containsExactly(high, mid, low);
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void unsupportedFieldsAndOperatorsAreClearBadRequests() {
        awaitDetector(gd, DET333);
        given().contentType("application/json").body("{\"findingCriteria\":{\"criterion\":{\"nope.field\":{\"eq\":[\"x\"]}}}}")
                .post("/detector/" + DET333 + "/findings").then().statusCode(400)
                .header("x-amzn-ErrorType", "BadRequestException")
                .body("__type", equalTo("BadRequestException"))
                .body("message", containsString("Unsupported criterion field 'nope.field'"));
        given().contentType("application/json").body("{\"findingCriteria\":{\"criterion\":{\"type\":{\"gt\":3}}}}")
                .post("/detector/" + DET333 + "/findings").then().statusCode(400)
                .body("message", containsString("Operator 'gt' is not supported for criterion field 'type'"));
        given().contentType("application/json").body("{\"findingCriteria\":{\"criterion\":{\"type\":{\"like\":[\"a\"]}}}}")
                .post("/detector/" + DET333 + "/findings").then().statusCode(400)
                .body("message", containsString("Unsupported operator 'like'"));
        given().contentType("application/json").body("{\"maxResults\":51}")
                .post("/detector/" + DET333 + "/findings").then().statusCode(400)
                .body("message", containsString("maxResults must be between 1 and 50"));
        given().contentType("application/json").body("{\"nextToken\":\"garbage\"}")
                .post("/detector/" + DET333 + "/findings").then().statusCode(400)
                .body("message", containsString("nextToken"));
        assertThatThrownBy(() -> gd.listFindings(r -> r.detectorId(DET333).sortCriteria(s -> s.attributeName("resource.x"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("sortCriteria.attributeName");
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void paginationStaysStableWhileFindingsArrive() {
        awaitDetector(gd, DET333);
        String type = uniqueType();
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            original.add(finding(A333, type, 3.0 + i, 1, "i-p" + i, "203.0.113.9", 22));
        }
        ListFindingsResponse page = gd.listFindings(r -> r.detectorId(DET333).maxResults(2).findingCriteria(byType(type, Map.of()))
                .sortCriteria(s -> s.attributeName("severity").orderBy(OrderBy.DESC)));
        List<String> seen = new ArrayList<>(page.findingIds());
        finding(A333, type, 9.5, 1, "i-new1", "203.0.113.9", 22);
        finding(A333, type, 1.0, 1, "i-new2", "203.0.113.9", 22);
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = gd.listFindings(r -> r.detectorId(DET333).maxResults(2).nextToken(token)
                    .findingCriteria(byType(type, Map.of())).sortCriteria(s -> s.attributeName("severity").orderBy(OrderBy.DESC)));
            seen.addAll(page.findingIds());
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(original);
        assertThat(new HashSet<>(list(gd, DET333, byType(type, Map.of())))).hasSize(7);
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void pagesInTheDefaultOrderAndByUpdatedAtFollowArrivalWithoutGapsOrRepeats() {
        awaitDetector(gd, DET333);
        String type = uniqueType();
        List<String> arrived = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arrived.add(finding(A333, type, 5.0, 1, "i-o" + i, "203.0.113.10", 22));
        }
        for (boolean byUpdatedAt : List.of(false, true)) {
            List<String> seen = new ArrayList<>();
            String token = null;
            do {
                String t = token;
                ListFindingsResponse page = gd.listFindings(r -> {
                    r.detectorId(DET333).maxResults(2).nextToken(t).findingCriteria(byType(type, Map.of()));
                    if (byUpdatedAt) {
                        r.sortCriteria(s -> s.attributeName("updatedAt").orderBy(OrderBy.DESC));
                    }
                });
                seen.addAll(page.findingIds());
                token = page.nextToken();
            } while (token != null);
            if (byUpdatedAt) {
                // newest first (findings stored in the same millisecond tie-break on ID): each exactly once
                assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(arrived);
                Map<String, String> updated = new java.util.HashMap<>();
                gd.getFindings(r -> r.detectorId(DET333).findingIds(seen)).findings()
                        .forEach(f -> updated.put(f.id(), f.updatedAt()));
                assertThat(seen.stream().map(updated::get).toList())
                        .isSortedAccordingTo(java.util.Comparator.<String>naturalOrder().reversed());
            } else {
                assertThat(seen).containsExactlyElementsOf(arrived);
            }
        }
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void anotherTenantsDetectorOrRegionIsAnsweredLikeAMissingOne() {
        awaitDetector(gd, DET333);
        String missing = given().contentType("application/json").body("{}").post("/detector/" + "f".repeat(32) + "/findings")
                .then().statusCode(400).header("x-amzn-ErrorType", "BadRequestException").extract().asString();
        String foreign = given().contentType("application/json").body("{}").post("/detector/" + DET111 + "/findings")
                .then().statusCode(400).extract().asString();
        String otherRegion = given().contentType("application/json").body("{}").post("/eu-west-1/detector/" + DET333 + "/findings")
                .then().statusCode(400).extract().asString();
        assertThat(foreign).isEqualTo(missing).isEqualTo(otherRegion)
                .contains("The request is rejected because the input detectorId is not owned by the current account.");
        assertThatThrownBy(() -> gd.getFindings(r -> r.detectorId(DET222).findingIds("0".repeat(32))))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("not owned by the current account");
        // another tenant's finding ID through one's own detector is simply absent
        String theirs = finding(A222, uniqueType(), 5.0, 1, "i-x", "203.0.113.4", 22);
        assertThat(gd.getFindings(r -> r.detectorId(DET333).findingIds(theirs)).findings()).isEmpty();
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void regionPrefixedPathsServeThatRegionsDetector() {
        GuardDutyClient eu = client(root, "/eu-west-1");
        awaitDetector(eu, DET111_EU);
        assertThat(eu.listFindings(r -> r.detectorId(DET111_EU)).findingIds()).isEmpty();
        assertThatThrownBy(() -> eu.listFindings(r -> r.detectorId(DET111))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> gd.listFindings(r -> r.detectorId(DET111_EU))).isInstanceOf(BadRequestException.class);
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void statisticsArchiveFeedbackAndSamples() {
        awaitDetector(gd, DET111);
        String type = uniqueType();
        String a = finding(A111, type, 8.0, 1, "i-s1", "203.0.113.5", 22);
        String b = finding(A111, type, 8.0, 1, "i-s1", "203.0.113.5", 22);
        String c = finding(A222, type, 2.0, 1, "i-s2", "203.0.113.5", 22);
        var stats = gd.getFindingsStatistics(r -> r.detectorId(DET111).findingStatisticTypes(FindingStatisticType.COUNT_BY_SEVERITY)
                .findingCriteria(byType(type, Map.of()))).findingStatistics();
        assertThat(stats.countBySeverity()).containsEntry("8.0", 2).containsEntry("2.0", 1);
        var byAccount = gd.getFindingsStatistics(r -> r.detectorId(DET111).groupBy(GroupByType.ACCOUNT)
                .findingCriteria(byType(type, Map.of()))).findingStatistics().groupedByAccount();
        assertThat(byAccount).extracting(s -> s.accountId() + "=" + s.totalFindings()).containsExactly(A111 + "=2", A222 + "=1");
        var byResource = gd.getFindingsStatistics(r -> r.detectorId(DET111).groupBy(GroupByType.RESOURCE)
                .findingCriteria(byType(type, Map.of()))).findingStatistics().groupedByResource();
        assertThat(byResource.get(0).resourceId()).isEqualTo("i-s1");
        assertThat(byResource.get(0).totalFindings()).isEqualTo(2);
        assertThat(gd.getFindingsStatistics(r -> r.detectorId(DET111).groupBy(GroupByType.SEVERITY)
                .findingCriteria(byType(type, Map.of()))).findingStatistics().groupedBySeverity()).hasSize(2);
        assertThat(gd.getFindingsStatistics(r -> r.detectorId(DET111).groupBy(GroupByType.FINDING_TYPE)
                .findingCriteria(byType(type, Map.of()))).findingStatistics().groupedByFindingType().get(0).totalFindings())
                .isEqualTo(3);
        var byDate = gd.getFindingsStatistics(r -> r.detectorId(DET111).groupBy(GroupByType.DATE)
                .findingCriteria(byType(type, Map.of()))).findingStatistics().groupedByDate();
        assertThat(byDate).hasSize(1);
        assertThat(byDate.get(0).totalFindings()).isEqualTo(3);
        assertThat(byDate.get(0).severity()).isEqualTo(8.0);

        // the administrator archives its own and a member's finding
        gd.archiveFindings(r -> r.detectorId(DET111).findingIds(a, c));
        assertThat(list(gd, DET111, byType(type, Map.of("service.archived", Condition.builder().eq("true").build()))))
                .containsExactlyInAnyOrder(a, c);
        gd.unarchiveFindings(r -> r.detectorId(DET111).findingIds(c));
        assertThat(list(gd, DET111, byType(type, Map.of("service.archived", Condition.builder().eq("true").build()))))
                .containsExactly(a);

        gd.updateFindingsFeedback(r -> r.detectorId(DET111).findingIds(b).feedback(Feedback.NOT_USEFUL).comments("benign scanner"));
        assertThat(gd.getFindings(r -> r.detectorId(DET111).findingIds(b)).findings().get(0).service().userFeedback())
                .isEqualTo("NOT_USEFUL");

        String sampleType = "Backdoor:EC2/C&CActivity.B!DNS";
        gd.createSampleFindings(r -> r.detectorId(DET111).findingTypes(sampleType, "UnauthorizedAccess:IAMUser/MaliciousIPCaller"));
        List<String> samples = list(gd, DET111, FindingCriteria.builder().criterion(Map.of(
                "service.additionalInfo.sample", Condition.builder().eq("true").build(),
                "type", Condition.builder().eq(sampleType, "UnauthorizedAccess:IAMUser/MaliciousIPCaller").build())).build());
        assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
        List<Finding> docs = gd.getFindings(r -> r.detectorId(DET111).findingIds(samples)).findings();
        assertThat(docs).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(sampleType);
            assertThat(f.service().action().actionType()).isEqualTo("DNS_REQUEST");
            assertThat(f.resource().resourceType()).isEqualTo("Instance");
        });
        assertThat(docs).anyMatch(f -> f.resource().accessKeyDetails() != null
                && "GeneratedFindingAccessKeyId".equals(f.resource().accessKeyDetails().accessKeyId()));
        assertThatThrownBy(() -> gd.createSampleFindings(r -> r.detectorId(DET111).findingTypes("not a type")))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A222))
    void aMemberSeesOnlyItsOwnFindingsAndCannotArchive() {
        awaitDetector(gd, DET222);
        String type = uniqueType();
        String mine = finding(A222, type, 5.0, 1, "i-m", "203.0.113.6", 22);
        finding(A111, type, 5.0, 1, "i-a", "203.0.113.6", 22);
        finding(A444, type, 5.0, 1, "i-s", "203.0.113.6", 22);
        assertThat(list(gd, DET222, byType(type, Map.of()))).containsExactly(mine);
        assertThat(list(gd, DET222, byType(type, Map.of("accountId", Condition.builder().eq(A111).build())))).isEmpty();
        assertThatThrownBy(() -> gd.archiveFindings(r -> r.detectorId(DET222).findingIds(mine)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("only the administrator");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void anAdministratorSeesEnabledMembersUntilDisassociation() {
        awaitDetector(gd, DET111);
        String type = uniqueType();
        String own = finding(A111, type, 5.0, 1, "i-o", "203.0.113.7", 22);
        String member = finding(A444, type, 5.0, 1, "i-m", "203.0.113.7", 22);
        String stranger = finding(A333, type, 5.0, 1, "i-x", "203.0.113.7", 22);
        assertThat(list(gd, DET111, byType(type, Map.of()))).containsExactlyInAnyOrder(own, member).doesNotContain(stranger);
        assertThat(list(gd, DET111, byType(type, Map.of("accountId", Condition.builder().eq(A444).build()))))
                .containsExactly(member);
        assertThat(gd.getFindings(r -> r.detectorId(DET111).findingIds(member, stranger)).findings())
                .extracting(Finding::id).containsExactly(member);

        // 111 disassociates 444 (version 2); an older state (version 1 again) is ignored
        var in = connector.source("accounts-state-in");
        in.send(Record.of(A111, new AccountState(1, A111, 2, List.of(detector(DET111, "us-east-1", "SIX_HOURS"),
                detector(DET111_EU, "eu-west-1", "FIFTEEN_MINUTES")), null,
                List.of(new AccountState.Relationship(A222, "Enabled"), new AccountState.Relationship(A444, "Removed")), 0L)));
        in.send(Record.of(A111, new AccountState(1, A111, 1, List.of(detector(DET111, "us-east-1", "SIX_HOURS"),
                detector(DET111_EU, "eu-west-1", "FIFTEEN_MINUTES")), null,
                List.of(new AccountState.Relationship(A222, "Enabled"), new AccountState.Relationship(A444, "Enabled")), 0L)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !list(gd, DET111, byType(type, Map.of())).contains(member));
        String newer = finding(A444, type, 5.0, 1, "i-m2", "203.0.113.7", 22);
        assertThat(list(gd, DET111, byType(type, Map.of()))).containsExactly(own).doesNotContain(newer);
        // a tombstone removes 333's detector: its detector ID is then answered like a missing one
        in.send(Record.of(A333, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                gd.listFindings(r -> r.detectorId(DET333));
                return false;
            } catch (BadRequestException e) {
                return true;
            }
        });
        in.send(Record.of(A333, new AccountState(1, A333, 1, List.of(detector(DET333, "us-east-1", "SIX_HOURS")), null,
                null, 0L)));
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void filtersAndSuppression() {
        awaitDetector(gd, DET333);
        String type = uniqueType();
        String name = "suppress-" + UUID.randomUUID().toString().substring(0, 8);
        gd.createFilter(r -> r.detectorId(DET333).name(name).action(FilterAction.ARCHIVE).rank(1).description("scanner")
                .findingCriteria(byType(type, Map.of("service.action.networkConnectionAction.remoteIpDetails.ipAddressV4",
                        Condition.builder().eq("192.0.2.66").build()))));
        var got = gd.getFilter(r -> r.detectorId(DET333).filterName(name));
        assertThat(got.action()).isEqualTo(FilterAction.ARCHIVE);
        assertThat(got.rank()).isEqualTo(1);
        assertThat(got.findingCriteria().criterion()).containsKey("type");
        assertThat(gd.listFilters(r -> r.detectorId(DET333)).filterNames()).contains(name);
        assertThatThrownBy(() -> gd.createFilter(r -> r.detectorId(DET333).name(name).findingCriteria(byType(type, Map.of()))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> gd.createFilter(r -> r.detectorId(DET333).name("x1y").rank(101).findingCriteria(byType(type, Map.of()))))
                .isInstanceOf(BadRequestException.class);

        var sink = connector.<FindingEvent>sink("finding-events-out");
        Instant now = Instant.now();
        String suppressedId = UUID.randomUUID().toString().replace("-", "");
        String keptId = UUID.randomUUID().toString().replace("-", "");
        connector.source("candidates-in").send(keyed(candidate("s-" + suppressedId, suppressedId, A333, type, 5.0, 1, now, now,
                "i-f", "192.0.2.66", 22)));
        connector.source("candidates-in").send(keyed(candidate("k-" + keptId, keptId, A333, type, 5.0, 1, now, now,
                "i-f", "192.0.2.67", 22)));
        await().atMost(Duration.ofSeconds(10)).until(() -> list(gd, DET333, byType(type, Map.of())).size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().stream().anyMatch(m -> m.getPayload().detail().id().equals(keptId)));
        assertThat(list(gd, DET333, byType(type, Map.of("service.archived", Condition.builder().eq("true").build()))))
                .containsExactly(suppressedId);
        assertThat(sink.received()).noneMatch(m -> m.getPayload().detail().id().equals(suppressedId));

        gd.updateFilter(r -> r.detectorId(DET333).filterName(name).action(FilterAction.NOOP).rank(2));
        assertThat(gd.getFilter(r -> r.detectorId(DET333).filterName(name)).action()).isEqualTo(FilterAction.NOOP);
        gd.deleteFilter(r -> r.detectorId(DET333).filterName(name));
        assertThat(gd.listFilters(r -> r.detectorId(DET333)).filterNames()).doesNotContain(name);
        assertThatThrownBy(() -> gd.getFilter(r -> r.detectorId(DET333).filterName(name))).isInstanceOf(BadRequestException.class);
    }

    @Test
    @TestSecurity(user = "analyst-111", roles = {"analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void anAnalystReadsButCannotArchive() {
        awaitDetector(gd, DET111);
        given().contentType("application/json").body("{\"findingIds\":[\"x\"]}").post("/detector/" + DET111 + "/findings/archive")
                .then().statusCode(403).header("x-amzn-ErrorType", "AccessDeniedException");
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void concurrentDeliveriesEndAsOneFindingWithTheRightCount() throws Exception {
        awaitDetector(gd, DET333);
        String type = uniqueType();
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        FindingCandidate same = candidate("same-" + id, id, A333, type, 5.0, 3, now, now, "i-c", "203.0.113.8", 22);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<FindingStore.Outcome>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.apply(same).outcome();
                }));
            }
            start.countDown();
            List<FindingStore.Outcome> outcomes = new ArrayList<>();
            for (var r : results) {
                outcomes.add(r.get());
            }
            assertThat(outcomes).containsOnlyOnce(FindingStore.Outcome.NEW);
            assertThat(outcomes.stream().filter(o -> o == FindingStore.Outcome.DUPLICATE)).hasSize(7);
            assertThat(gd.getFindings(r -> r.detectorId(DET333).findingIds(id)).findings().get(0).service().count())
                    .isEqualTo(3);

            // eight different observations of one new finding, concurrently: one row, counts added
            String id2 = UUID.randomUUID().toString().replace("-", "");
            var start2 = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> more = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                FindingCandidate c = candidate("obs-" + i + "-" + id2, id2, A333, type, 5.0, 2, now, now, "i-c", "203.0.113.8", 22);
                more.add(pool.submit(() -> {
                    start2.await();
                    return store.apply(c);
                }));
            }
            start2.countDown();
            for (var r : more) {
                r.get();
            }
            assertThat(gd.getFindings(r -> r.detectorId(DET333).findingIds(id2)).findings().get(0).service().count())
                    .isEqualTo(16);
            assertThat(list(gd, DET333, byType(type, Map.of()))).containsExactlyInAnyOrder(id, id2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anonymousCallsAreUnauthorized() {
        given().contentType("application/json").body("{}").post("/detector/" + DET111 + "/findings").then().statusCode(401);
    }
}
