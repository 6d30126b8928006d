package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.DemoIdentities.ADMIN_222;
import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static dev.vigil.e2e.DemoIdentities.ADMIN_ACCOUNT;
import static dev.vigil.e2e.DemoIdentities.COLLECTOR;
import static dev.vigil.e2e.DemoIdentities.INGEST_111;
import static dev.vigil.e2e.DemoIdentities.MEMBER_ACCOUNT;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.GuardDutyApi.eq;
import static dev.vigil.e2e.suite.GuardDutyApi.getFindings;
import static dev.vigil.e2e.suite.GuardDutyApi.listFindings;
import static dev.vigil.e2e.suite.Stack.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole path on the real stack: a real CloudTrail sample (AWS documentation's root console sign-in) is posted
 * to ingest-service, flows through Kafka to the detector's Kafka Streams topology, becomes a finding candidate,
 * is aggregated by findings-service in PostgreSQL and read back through GuardDuty's API with real Keycloak tokens.
 * Nothing is mocked. The sample's account ID is replaced by the demo account's and its time and event ID by fresh
 * ones, so each run is new activity.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DetectionFlowIT {

    private static final String ROOT_USAGE = "Policy:IAMUser/RootCredentialUsage";
    private static final Duration DETECTION = Duration.ofSeconds(90);

    private static String adminDetector;
    private static String otherDetector;
    private static String findingId;

    @BeforeAll
    static void detectors() {
        adminDetector = ensureDetector(ADMIN_111);
        otherDetector = ensureDetector(ADMIN_333);
        ensureDetector(ADMIN_222);
    }

    /** The root sign-in sample, rewritten for {@code account} with a fresh event ID and time. */
    static String rootSignIn(String account) throws IOException {
        String sample = Files.readString(Stack.samples().resolve("cloudtrail/awsdocs/signin-root-success-nomfa.json"));
        return "{\"Records\":[" + sample.replace("111122223333", account)
                .replace("deb1e1f9-c99b-4612-8e9f-21f93b5d79c0", UUID.randomUUID().toString())
                .replace("2022-11-10T16:24:34Z", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()) + "]}";
    }

    static void ingestAs(String user, String body) {
        as(user, "ingest").body(body).post("/ingest/v1/cloudtrail").then().statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(1));
    }

    static List<String> rootUsage(String user, String detector, String account) {
        return listFindings(user, detector, Map.of("type", Map.of("eq", List.of(ROOT_USAGE)),
                "accountId", Map.of("eq", List.of(account))));
    }

    @Test
    @Order(1)
    void aRootSignInBecomesAFindingInGuardDutysShape() throws IOException {
        ingestAs(INGEST_111, rootSignIn(ADMIN_ACCOUNT));
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(rootUsage(ADMIN_111, adminDetector, ADMIN_ACCOUNT)).hasSize(1));
        findingId = rootUsage(ADMIN_111, adminDetector, ADMIN_ACCOUNT).get(0);
        Map<String, Object> finding = getFindings(ADMIN_111, adminDetector, List.of(findingId)).get(0);
        assertThat(finding).containsEntry("type", ROOT_USAGE).containsEntry("accountId", ADMIN_ACCOUNT)
                .containsEntry("region", "us-east-1").containsKeys("arn", "createdAt", "updatedAt", "title");
        assertThat(((Number) finding.get("severity")).doubleValue()).isBetween(1.0, 10.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) finding.get("service");
        assertThat(((Number) service.get("count")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(service).containsEntry("archived", false);
    }

    @Test
    @Order(2)
    void theSameActivityAgainUpdatesTheFindingInsteadOfCreatingOne() throws IOException {
        int before = count(findingId);
        ingestAs(INGEST_111, rootSignIn(ADMIN_ACCOUNT));
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(count(findingId)).isGreaterThan(before));
        assertThat(rootUsage(ADMIN_111, adminDetector, ADMIN_ACCOUNT)).containsExactly(findingId);
    }

    @Test
    @Order(3)
    void anotherTenantCannotSeeOrTouchTheFinding() {
        assertThat(rootUsage(ADMIN_333, otherDetector, ADMIN_ACCOUNT)).isEmpty();
        assertThat(getFindings(ADMIN_333, otherDetector, List.of(findingId))).isEmpty();
        // another tenant's detector ID is answered like a missing one
        String missing = as(ADMIN_333, "findings").body(Map.of("findingIds", List.of(findingId)))
                .post("/detector/" + "0".repeat(32) + "/findings/get").then().extract().asString();
        String foreign = as(ADMIN_333, "findings").body(Map.of("findingIds", List.of(findingId)))
                .post("/detector/" + adminDetector + "/findings/get").then().extract().asString();
        assertThat(foreign.replace(adminDetector, "X")).isEqualTo(missing.replace("0".repeat(32), "X"));
    }

    @Test
    @Order(4)
    void anArchivedFindingStaysArchivedWhenItsActivityRecurs() throws IOException {
        as(ADMIN_111, "findings").body(Map.of("findingIds", List.of(findingId)))
                .post("/detector/" + adminDetector + "/findings/archive").then().statusCode(200);
        int before = count(findingId);
        ingestAs(INGEST_111, rootSignIn(ADMIN_ACCOUNT));
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(count(findingId)).isGreaterThan(before));
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) getFindings(ADMIN_111, adminDetector, List.of(findingId))
                .get(0).get("service");
        assertThat(service).containsEntry("archived", true);
        as(ADMIN_111, "findings").body(Map.of("findingIds", List.of(findingId)))
                .post("/detector/" + adminDetector + "/findings/unarchive").then().statusCode(200);
    }

    @Test
    @Order(5)
    void anAdministratorSeesItsMembersFindingsOnlyWhileTheyAreAssociated() throws IOException {
        Membership.associate();
        ingestAs(COLLECTOR, rootSignIn(MEMBER_ACCOUNT));
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(rootUsage(ADMIN_111, adminDetector, MEMBER_ACCOUNT)).hasSize(1));
        String memberDetector = ensureDetector(ADMIN_222);
        assertThat(rootUsage(ADMIN_222, memberDetector, MEMBER_ACCOUNT)).hasSize(1);
        // a member never sees its administrator's findings
        assertThat(rootUsage(ADMIN_222, memberDetector, ADMIN_ACCOUNT)).isEmpty();
    }

    @Test
    @Order(6)
    void afterDisassociationTheAdministratorSeesNoneOfTheMembersFindings() throws IOException {
        Membership.associate();
        String memberDetector = ensureDetector(ADMIN_222);
        String adminDetectorId = ensureDetector(ADMIN_111);
        as(ADMIN_111, "accounts").body(Map.of("accountIds", List.of(MEMBER_ACCOUNT)))
                .post("/detector/" + adminDetectorId + "/member/disassociate").then().statusCode(200);
        List<String> memberFindings = rootUsage(ADMIN_222, memberDetector, MEMBER_ACCOUNT);
        int before = memberFindings.isEmpty() ? 0 : memberCount(memberDetector, memberFindings.get(0));
        ingestAs(COLLECTOR, rootSignIn(MEMBER_ACCOUNT));
        // the member's own finding keeps updating ...
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> ids = rootUsage(ADMIN_222, memberDetector, MEMBER_ACCOUNT);
            assertThat(ids).hasSize(1);
            assertThat(memberCount(memberDetector, ids.get(0))).isGreaterThan(before);
        });
        String memberFinding = rootUsage(ADMIN_222, memberDetector, MEMBER_ACCOUNT).get(0);
        // ... and the former administrator sees none of it, by listing or by ID
        assertThat(rootUsage(ADMIN_111, adminDetector, MEMBER_ACCOUNT)).isEmpty();
        assertThat(getFindings(ADMIN_111, adminDetector, List.of(memberFinding))).isEmpty();
        Membership.associate(); // leave the demo relationship as the other tests expect it
    }

    private static int memberCount(String memberDetector, String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) getFindings(ADMIN_222, memberDetector, List.of(id))
                .get(0).get("service");
        return ((Number) service.get("count")).intValue();
    }

    private static int count(String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) getFindings(ADMIN_111, adminDetector, List.of(id))
                .get(0).get("service");
        return ((Number) service.get("count")).intValue();
    }
}
