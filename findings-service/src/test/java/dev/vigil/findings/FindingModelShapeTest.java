package dev.vigil.findings;

import static dev.vigil.findings.TestData.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Json;
import dev.vigil.events.model.AdditionalInfo;
import dev.vigil.events.model.FindingModel;
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

/**
 * Every finding GetFindings answers has the JSON types the GuardDuty model declares ({@link FindingModel}) and reads
 * back through the real AWS SDK for Java v2 unmarshaller: one sample finding of each resource/action shape
 * (DNS request, port probe, inbound and outbound network connection, IAM API call, S3 API call), and a finding stored
 * in the pre-model shape (free-form {@code additionalInfo}), which is answered in the model's shape.
 */
@QuarkusTest
class FindingModelShapeTest {

    /** One type per shape CreateSampleFindings builds. */
    private static final List<String> TYPES = List.of("Backdoor:EC2/C&CActivity.B!DNS", "CryptoCurrency:EC2/BitcoinTool.B",
            "Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce", "UnauthorizedAccess:EC2/TorClient",
            "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "Discovery:S3/MaliciousIPCaller",
            "Recon:IAMUser/MaliciousIPCaller", "Trojan:EC2/DNSDataExfiltration!DNS");

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
                .until(() -> gd.listFindings(r -> r.detectorId(DET444).maxResults(1)) != null);
    }

    private JsonNode rawGetFindings(List<String> ids) {
        String body = given().contentType("application/json").body(Json.write(Map.of("findingIds", ids)))
                .post("/detector/" + DET444 + "/findings/get").then().statusCode(200).extract().asString();
        return Json.read(body, JsonNode.class).path("findings");
    }

    @Test
    @TestSecurity(user = "admin-444", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A444))
    void everySampleTypeHasTheModelsShapesAndReadsThroughTheSdk() {
        gd.createSampleFindings(r -> r.detectorId(DET444).findingTypes(TYPES));
        List<String> ids = gd.listFindings(r -> r.detectorId(DET444).maxResults(50).findingCriteria(FindingCriteria.builder()
                .criterion(Map.of("service.additionalInfo.sample", Condition.builder().eq("true").build(),
                        "type", Condition.builder().eq(TYPES).build())).build())).findingIds();
        JsonNode raw = rawGetFindings(ids);
        assertThat(raw).extracting(f -> f.path("type").asText()).containsAll(TYPES);
        for (JsonNode f : raw) {
            assertThat(FindingModel.guardDuty().violations(f)).as(f.path("type").asText()).isEmpty();
            assertThat(f.at("/service/additionalInfo/type").asText()).isEqualTo("default");
        }
        List<Finding> sdk = gd.getFindings(r -> r.detectorId(DET444).findingIds(ids)).findings();
        assertThat(sdk).hasSameSizeAs(ids);
        assertThat(sdk).allSatisfy(f -> assertThat(Json.read(f.service().additionalInfo().value(), JsonNode.class)
                .path("sample").asBoolean()).isTrue());
        assertThat(sdk).filteredOn(f -> f.type().equals("Recon:EC2/PortProbeUnprotectedPort")).singleElement()
                .satisfies(f -> assertThat(f.service().action().portProbeAction().portProbeDetails().get(0)
                        .localPortDetails().port()).isEqualTo(80));
    }

    @Test
    @TestSecurity(user = "admin-444", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A444))
    void aFindingStoredInThePreModelShapeIsAnsweredInTheModelsShape() {
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        store.apply(candidate(UUID.randomUUID().toString(), id, A444, "Recon:EC2/Legacy" + id.substring(0, 6), 5.0, 1,
                now.minusSeconds(60), now, "i-legacy", "198.51.100.9", 22));
        JsonNode f = rawGetFindings(List.of(id)).get(0);
        assertThat(FindingModel.guardDuty().violations(f)).isEmpty();
        assertThat(AdditionalInfo.members(f.at("/service/additionalInfo")).path("threatListName").asText())
                .isEqualTo("ProofPoint");
        assertThat(gd.listFindings(r -> r.detectorId(DET444).findingCriteria(FindingCriteria.builder().criterion(Map.of(
                "service.additionalInfo.threatListName", Condition.builder().eq("ProofPoint").build(),
                "id", Condition.builder().eq(id).build())).build())).findingIds()).containsExactly(id);
        assertThat(gd.getFindings(r -> r.detectorId(DET444).findingIds(id)).findings().get(0).service().additionalInfo()
                .value()).contains("ProofPoint");
    }
}
