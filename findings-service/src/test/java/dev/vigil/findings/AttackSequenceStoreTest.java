package dev.vigil.findings;

import static dev.vigil.findings.TestData.A333;
import static dev.vigil.findings.TestData.DET333;
import static dev.vigil.findings.TestData.accounts;
import static dev.vigil.findings.TestData.candidate;
import static dev.vigil.findings.TestData.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.events.FindingCandidate;
import dev.vigil.events.Json;
import dev.vigil.findings.service.FindingStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.guardduty.model.FindingCriteria;
import software.amazon.awssdk.services.guardduty.model.Signal;

/**
 * Attack-sequence findings in the store, read back through the AWS SDK for Java v2 GuardDuty client on the real
 * PostgreSQL: archived and suppressed findings are dropped from a sequence's signals, a sequence left without a
 * finding signal is not stored, and an update replaces the sequence and its type on the same finding. Identity from
 * {@code @TestSecurity}; nothing is mocked.
 */
@QuarkusTest
@TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
@OidcSecurity(claims = @Claim(key = "account_id", value = A333))
class AttackSequenceStoreTest {

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
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> gd.listFindings(r -> r.detectorId(DET333).maxResults(1)) != null);
    }

    private String single(String type) {
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        store.apply(candidate(UUID.randomUUID().toString(), id, A333, type, 5.0, 1, now.minusSeconds(60), now, "i-1",
                "192.0.2.66", 443));
        return id;
    }

    private static FindingCandidate sequence(String id, String type, List<String> findingSignals) {
        return sequence(id, type, findingSignals, 2);
    }

    /** A sequence candidate whose finding signals have {@code count} events each (the API signal has one). */
    private static FindingCandidate sequence(String id, String type, List<String> findingSignals, int count) {
        StringBuilder signals = new StringBuilder();
        long t = Instant.now().getEpochSecond();
        for (String f : findingSignals) {
            signals.append("""
                    {"uid":"%s","type":"FINDING","name":"UnauthorizedAccess:IAMUser/TorIPCaller","createdAt":%d,
                     "updatedAt":%d,"firstSeenAt":%d,"lastSeenAt":%d,"count":%d,"severity":5.0,"actorIds":["AIDAALICE"],
                     "signalIndicators":[{"key":"TOR_IP","values":["101.99.92.179"]}]},""".formatted(f, t, t, t, t, count));
        }
        signals.append("""
                {"uid":"api:iam.amazonaws.com:CreateAccessKey","type":"CLOUD_TRAIL","name":"CreateAccessKey",
                 "createdAt":%d,"updatedAt":%d,"firstSeenAt":%d,"lastSeenAt":%d,"count":1,
                 "signalIndicators":[{"key":"HIGH_RISK_API","values":["CreateAccessKey"]}]}""".formatted(t, t, t, t));
        String now = Instant.now().toString();
        String json = """
                {"schemaVersion":1,"eventId":"%s","observedAt":%d,"finding":{"accountId":"%s","id":"%s",
                 "region":"us-east-1","type":"%s","severity":9.2,"partition":"aws","title":"t","description":"d",
                 "resource":{"resourceType":"AccessKey","accessKeyDetails":{"accessKeyId":"AKIAALICE",
                  "principalId":"AIDAALICE","userName":"alice","userType":"IAMUser"}},
                 "service":{"count":3,"eventFirstSeen":"%s","eventLastSeen":"%s","resourceRole":"TARGET",
                  "serviceName":"guardduty","detection":{"sequence":{"uid":"%s","description":"d",
                   "actors":[{"id":"AIDAALICE","user":{"name":"alice","uid":"AIDAALICE","type":"IAMUser"}}],
                   "signals":[%s],
                   "sequenceIndicators":[{"key":"ATTACK_TACTIC","values":["Initial Access","Persistence"]}]}}}}}
                """.formatted(UUID.randomUUID(), System.currentTimeMillis(), A333, id, type, now, now, id, signals);
        return Json.read(json, FindingCandidate.class);
    }

    private Finding get(String id) {
        List<Finding> found = gd.getFindings(r -> r.detectorId(DET333).findingIds(id)).findings();
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void archivedFindingsAreNoSignalsAndTheSdkReadsTheSequence() {
        String kept = single("UnauthorizedAccess:IAMUser/TorIPCaller");
        String archived = single("Recon:IAMUser/TorIPCaller");
        gd.archiveFindings(r -> r.detectorId(DET333).findingIds(archived));
        String id = UUID.randomUUID().toString().replace("-", "");

        store.apply(sequence(id, "AttackSequence:IAM/CompromisedCredentials", List.of(kept, archived)));

        Finding f = get(id);
        assertThat(f).isNotNull();
        assertThat(f.type()).isEqualTo("AttackSequence:IAM/CompromisedCredentials");
        assertThat(f.severity()).isEqualTo(9.2);
        List<Signal> signals = f.service().detection().sequence().signals();
        assertThat(signals).extracting(Signal::uid).containsExactly(kept, "api:iam.amazonaws.com:CreateAccessKey");
        assertThat(signals.get(0).typeAsString()).isEqualTo("FINDING");
        assertThat(signals.get(0).firstSeenAt()).isNotNull();
        assertThat(signals.get(0).count()).isEqualTo(2);
        assertThat(f.service().detection().sequence().actors().get(0).user().name()).isEqualTo("alice");
        // exported like any finding: ASFF and OCSF renderings carry its type and severity
        given().get("/detector/" + DET333 + "/findings/" + id + "/asff").then().statusCode(200)
                .body(containsString("AttackSequence:IAM/CompromisedCredentials")).body("Severity.Label", equalTo("CRITICAL"));
        given().get("/detector/" + DET333 + "/findings/" + id + "/ocsf").then().statusCode(200)
                .body(containsString("AttackSequence:IAM/CompromisedCredentials")).body("severity_id", equalTo(5));

        // the sequence grows into a data compromise: the same finding, the newer type, counts added
        store.apply(sequence(id, "AttackSequence:S3/CompromisedData", List.of(kept, archived)));
        Finding grown = get(id);
        assertThat(grown.type()).isEqualTo("AttackSequence:S3/CompromisedData");
        assertThat(grown.service().count()).isEqualTo(6);

        // an older update applied late (candidates are applied on a worker pool) adds its events, changes nothing else
        store.apply(sequence(id, "AttackSequence:IAM/CompromisedCredentials", List.of(kept), 1));
        Finding late = get(id);
        assertThat(late.type()).isEqualTo("AttackSequence:S3/CompromisedData");
        assertThat(late.service().count()).isEqualTo(9);
    }

    @Test
    void aSequenceOfOnlyArchivedOrSuppressedFindingsIsNotStored() {
        String archived = single("Recon:IAMUser/TorIPCaller");
        gd.archiveFindings(r -> r.detectorId(DET333).findingIds(archived));
        String suppressedType = "UnauthorizedAccess:IAMUser/Test" + UUID.randomUUID().toString().substring(0, 8);
        gd.createFilter(r -> r.detectorId(DET333).name("seq-" + UUID.randomUUID().toString().substring(0, 8))
                .action("ARCHIVE").findingCriteria(FindingCriteria.builder()
                        .criterion(Map.of("type", Condition.builder().eq(suppressedType).build())).build()));
        String suppressed = single(suppressedType);
        String id = UUID.randomUUID().toString().replace("-", "");

        store.apply(sequence(id, "AttackSequence:IAM/CompromisedCredentials", List.of(archived, suppressed)));

        assertThat(get(id)).isNull();
    }
}
