package dev.vigil.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.vigil.events.AccountState;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Detector operations, region prefixes, errors, tenancy and the AccountState they publish, over HTTP. */
@QuarkusTest
class DetectorApiTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    dev.vigil.accounts.messaging.StateRepublisher republisher;

    @BeforeEach
    void clean() {
        TestDb.clean();
        connector.sink("accounts-state-out").clear();
    }

    static String create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/detector").then().statusCode(200)
                .body("detectorId", matchesPattern("^[0-9a-f]{32}$")).extract().path("detectorId");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void everyKnownAccountsStateIsRepublishedAtStartUp() throws Throwable {
        String id = create("{\"enable\":true}");
        connector.sink("accounts-state-out").clear();
        connector.sink("threat-lists-out").clear();
        int n = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> republisher.republish());
        assertThat(n).isEqualTo(1);
        InMemorySink<AccountState> sink = connector.sink("accounts-state-out");
        assertThat(sink.received()).singleElement().satisfies(m -> {
            assertThat(m.getPayload().accountId()).isEqualTo("111111111111");
            assertThat(m.getPayload().detectors()).singleElement()
                    .satisfies(d -> assertThat(d.detectorId()).isEqualTo(id));
        });
        assertThat(connector.sink("threat-lists-out").received())
                .anySatisfy(m -> assertThat(m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                        .isEqualTo("111111111111"));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void createGetUpdateListDeletePublishesState() {
        String id = create("{\"enable\":true,\"findingPublishingFrequency\":\"FIFTEEN_MINUTES\",\"tags\":{\"team\":\"sec\"},"
                + "\"features\":[{\"name\":\"S3_DATA_EVENTS\",\"status\":\"ENABLED\"}]}");
        given().get("/detector/" + id).then().statusCode(200)
                .body("status", equalTo("ENABLED"))
                .body("findingPublishingFrequency", equalTo("FIFTEEN_MINUTES"))
                .body("tags.team", equalTo("sec"))
                .body("dataSources.flowLogs.status", equalTo("ENABLED"))
                .body("dataSources.s3Logs.status", equalTo("ENABLED"))
                .body("features.name", hasItem("S3_DATA_EVENTS"));
        given().get("/detector").then().statusCode(200).body("detectorIds", equalTo(List.of(id)));

        given().contentType(ContentType.JSON).body("{\"enable\":false,\"findingPublishingFrequency\":\"ONE_HOUR\"}")
                .post("/detector/" + id).then().statusCode(200);
        given().get("/detector/" + id).then().body("status", equalTo("DISABLED")).body("findingPublishingFrequency", equalTo("ONE_HOUR"));

        InMemorySink<AccountState> sink = connector.sink("accounts-state-out");
        List<? extends Message<AccountState>> sent = sink.received();
        assertThat(sent).hasSize(2);
        // the detector and ingest read the optional features from the state (S3_DATA_EVENTS gates S3 data events)
        assertThat(sent.get(0).getPayload().detectors().get(0).features()).containsExactly("S3_DATA_EVENTS");
        assertThat(sent.get(0).getPayload().analysesS3DataEvents("us-east-1")).isTrue();
        Message<AccountState> last = sent.get(1);
        assertThat(last.getPayload().accountId()).isEqualTo("111111111111");
        assertThat(last.getPayload().version()).isGreaterThan(sent.get(0).getPayload().version());
        assertThat(last.getPayload().detectors()).singleElement()
                .satisfies(d -> {
                    assertThat(d.detectorId()).isEqualTo(id);
                    assertThat(d.status()).isEqualTo("DISABLED");
                    assertThat(d.region()).isEqualTo("us-east-1");
                });
        assertThat(last.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey()).isEqualTo("111111111111");

        given().delete("/detector/" + id).then().statusCode(200);
        given().get("/detector").then().body("detectorIds", hasSize(0));
        assertThat(sink.received()).hasSize(3);
        assertThat(sink.received().get(2).getPayload().detectors()).isEmpty();
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void oneDetectorPerRegionAndRegionPrefixes() {
        String east = create("{\"enable\":true}");
        given().contentType(ContentType.JSON).body("{\"enable\":true}").post("/detector").then().statusCode(400)
                .header("x-amzn-ErrorType", "BadRequestException")
                .body("__type", equalTo("BadRequestException"))
                .body("message", matchesPattern(".*already exists.*"));
        String west = given().contentType(ContentType.JSON).body("{\"enable\":true}").post("/eu-west-1/detector").then().statusCode(200)
                .extract().path("detectorId");
        assertThat(west).isNotEqualTo(east);
        given().get("/eu-west-1/detector").then().body("detectorIds", equalTo(List.of(west)));
        given().get("/us-east-1/detector").then().body("detectorIds", equalTo(List.of(east)));
        given().get("/detector").then().body("detectorIds", equalTo(List.of(east)));
        // a detector ID from another region's path is answered like a missing one
        String missing = given().get("/detector/" + "0".repeat(32)).then().statusCode(400).extract().asString();
        given().get("/eu-west-1/detector/" + east).then().statusCode(400).body(equalTo(missing));
        // a client-sent region header does not change the region of a bare path
        given().header("X-Vigil-Region", "eu-west-1").get("/detector").then().body("detectorIds", equalTo(List.of(east)));
        given().get("/eu-west-1/detector/" + west).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void invalidInputIsBadRequest() {
        given().contentType(ContentType.JSON).body("{\"enable\":true,\"findingPublishingFrequency\":\"HOURLY\"}").post("/detector")
                .then().statusCode(400).header("x-amzn-ErrorType", "BadRequestException").body("message", matchesPattern(".*findingPublishingFrequency.*"));
        given().contentType(ContentType.JSON).body("{\"enable\":").post("/detector")
                .then().statusCode(400).body("__type", equalTo("BadRequestException")).body("message", not(matchesPattern(".*(Exception|at dev\\.).*")));
        given().contentType(ContentType.JSON).body("{}").post("/detector").then().statusCode(400).body("message", matchesPattern(".*enable.*"));
        given().contentType(ContentType.JSON).body("{\"enable\":true,\"features\":[{\"name\":\"NOPE\",\"status\":\"ENABLED\"}]}").post("/detector")
                .then().statusCode(400);
        given().get("/detector?maxResults=0").then().statusCode(400).body("__type", equalTo("BadRequestException"));
        given().get("/detector?nextToken=garbage").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "analyst-111", roles = {"analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void analystReadsButCannotWrite() {
        given().get("/detector").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"enable\":true}").post("/detector").then().statusCode(403);
    }

    /**
     * Issue 24 changed this answer deliberately (it was 401 UnauthorizedException): a valid identity without a usable
     * account is 403 AccessDeniedException in every service (guardduty-web's Caller); 401 is for a missing or
     * invalid credential.
     */
    @Test
    @TestSecurity(user = "noaccount", roles = {"admin"})
    void tokenWithoutAccountIsAccessDenied() {
        given().get("/detector").then().statusCode(403).body("__type", equalTo("AccessDeniedException"));
    }

    @Test
    void anonymousIsUnauthorized() {
        given().get("/detector").then().statusCode(401);
        given().get("/eu-west-1/detector").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "svc", roles = {"service"})
    void serviceReadsAccountState() {
        given().get("/internal/v1/accounts/111111111111/state").then().statusCode(200)
                .body("accountId", equalTo("111111111111")).body("detectors", hasSize(0));
        given().get("/internal/v1/accounts/111111111111/threat-lists").then().statusCode(200).body("trusted", hasSize(0));
        given().get("/internal/v1/accounts/abc/state").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void tenantsCannotReadInternalState() {
        given().get("/internal/v1/accounts/111111111111/state").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void concurrentCreatesYieldOneDetectorAndNoServerError() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> given().contentType(ContentType.JSON).body("{\"enable\":true}").post("/ap-south-1/detector")
                        .then().extract().statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnly(200, 400);
            assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        given().get("/ap-south-1/detector").then().body("detectorIds", hasSize(1));
    }
}
