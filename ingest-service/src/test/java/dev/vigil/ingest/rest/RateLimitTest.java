package dev.vigil.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.events.FlowLogRecord;
import dev.vigil.ingest.messaging.AccountDirectory;
import dev.vigil.web.ErrorMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-account rate limits ({@code vigil.ingest.rate-limit.*}) through the real endpoints, with limits of 3 requests
 * and 5 records per hour. Real: the resource, the service, the Bucket4j buckets, the error mapper. In memory: the
 * Kafka channels (what a throttled request published is read from them). Each test uses its own accounts, since the
 * buckets live as long as the application.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    /** 3 requests and 5 records per account per hour. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.ingest.rate-limit.requests", "3", "vigil.ingest.rate-limit.records", "5",
                    "vigil.ingest.rate-limit.period", "1h");
        }
    }

    static final String LINE = "2 %s eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249"
            + " 1418530010 1418530070 ACCEPT OK\n";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AccountDirectory directory;

    @BeforeEach
    void setUp() {
        for (String account : List.of("111111111111", "222222222222", "333333333333", "444444444444")) {
            IngestResourceTest.state(connector, account, "us-east-1", "ENABLED");
        }
        await().until(() -> directory.analyses("444444444444", "us-east-1"));
        connector.sink("flow-logs-out").clear();
        connector.sink("usage-out").clear();
    }

    static String lines(String account, int n) {
        return String.format(LINE, account).repeat(n);
    }

    int published() {
        return connector.sink("flow-logs-out").received().size();
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void theFourthRequestIs429WithRetryAfterAndPublishesNothing() {
        for (int i = 0; i < 3; i++) {
            given().body(lines("111111111111", 1)).post("/ingest/v1/flow-logs").then().statusCode(200)
                    .body("accepted", equalTo(1));
        }
        assertThat(published()).isEqualTo(3);
        Response r = given().body(lines("111111111111", 1)).post("/ingest/v1/flow-logs");
        r.then().statusCode(429).header(ErrorMappers.ERROR_TYPE_HEADER, "TooManyRequestsException")
                .body("__type", equalTo("TooManyRequestsException"))
                .body("message", equalTo("more than 3 requests in PT1H; retry later"));
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(published()).isEqualTo(3);
        assertThat(connector.sink("usage-out").received()).hasSize(3);
    }

    @Test
    @TestSecurity(user = "ingest-222", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = "222222222222"))
    void anotherAccountIsUnaffected() {
        // whatever order the tests run in, 111111111111's bucket does not touch 222222222222's
        for (int i = 0; i < 3; i++) {
            given().body(lines("222222222222", 1)).post("/ingest/v1/flow-logs").then().statusCode(200);
        }
        given().body(lines("222222222222", 1)).post("/ingest/v1/flow-logs").then().statusCode(429);
    }

    @Test
    @TestSecurity(user = "ingest-333", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = "333333333333"))
    void anAccountOverItsRecordLimitIs429UntilRefilled() {
        // one request may overdraw the record limit (records are published while parsing); the next one is refused
        given().body(lines("333333333333", 7)).post("/ingest/v1/flow-logs").then().statusCode(200)
                .body("accepted", equalTo(7));
        given().body(lines("333333333333", 1)).post("/ingest/v1/flow-logs").then().statusCode(429)
                .body("__type", equalTo("TooManyRequestsException"))
                .body("message", containsString("more than 5 records"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        assertThat(published()).isEqualTo(7);
    }

    @Test
    @TestSecurity(user = "vigil-collector", roles = "collector")
    void aCollectorsRecordsOfAnAccountOverItsRecordLimitArePerLineErrors() {
        given().body(lines("444444444444", 6)).post("/ingest/v1/flow-logs").then().statusCode(200)
                .body("accepted", equalTo(6));
        String body = lines("444444444444", 2) + lines("111111111111", 1);
        given().body(body).post("/ingest/v1/flow-logs").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(2))
                .body("errors[0].reason", containsString("account 444444444444 submitted more than 5 records"));
        List<FlowLogRecord> sent = connector.sink("flow-logs-out").received().stream()
                .map(m -> (FlowLogRecord) m.getPayload()).toList();
        assertThat(sent).extracting(FlowLogRecord::accountId).containsOnly("444444444444", "111111111111")
                .filteredOn("111111111111"::equals).hasSize(1);
    }
}
