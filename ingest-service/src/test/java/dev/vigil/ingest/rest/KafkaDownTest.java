package dev.vigil.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import dev.vigil.ingest.messaging.AccountDirectory;
import dev.vigil.web.ErrorMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the flow-log channel on the real Kafka connector and no broker listening, a submission answers 503
 * ServiceUnavailableException (bounded by max.block.ms / delivery.timeout.ms and vigil.ingest.publish-timeout)
 * instead of 200, nothing is metered, and readiness is DOWN; a Firehose delivery answers 503 in Firehose's shape.
 */
@QuarkusTest
@TestProfile(KafkaDownTest.NoBroker.class)
class KafkaDownTest {

    /** Real Kafka connector for flow logs, pointed at a closed port, with short timeouts. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.flow-logs-out.connector", "smallrye-kafka",
                    "kafka.bootstrap.servers", "127.0.0.1:1",
                    "vigil.kafka.producer.max-block-ms", "1500",
                    "vigil.kafka.producer.request-timeout-ms", "1000",
                    "vigil.kafka.producer.delivery-timeout-ms", "2000",
                    "vigil.ingest.publish-timeout", "6s");
        }
    }

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AccountDirectory directory;

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void unreachableKafkaAnswers503InGuardDutyShape() {
        IngestResourceTest.state(connector, "111111111111", "us-east-1", "ENABLED");
        await().until(() -> directory.analyses("111111111111", "us-east-1"));
        given().body(IngestResourceTest.LINE_111).post("/ingest/v1/flow-logs").then().statusCode(503)
                .header(ErrorMappers.ERROR_TYPE_HEADER, "ServiceUnavailableException")
                .header("Retry-After", "5")
                .body("__type", equalTo("ServiceUnavailableException"));
        assertThat(connector.sink("usage-out").received()).isEmpty();
        given().get("/q/health/ready").then().statusCode(503);
    }

    @Test
    void unreachableKafkaAnswersAFirehoseDelivery503InFirehosesShape() {
        IngestResourceTest.state(connector, "111111111111", "us-east-1", "ENABLED");
        String source = "f1000000000000000000000000000001";
        connector.source("log-sources-in").send(Record.of(source,
                Json.write(new LogSourceState(1, source, "111111111111", "us-east-1",
                        "d1", "fh", "FIREHOSE", "FLOW", "us-east-1", null, null, null, null, null,
                        LogSourceState.firehoseKeyHash("key"), null, "ENABLED", 1, 1))));
        await().until(() -> directory.analyses("111111111111", "us-east-1"));
        String id = "8a6f1f6e-6d2b-4a8e-9d43-1f0f0c7c2a11";
        given().header("X-Amz-Firehose-Access-Key", "key").header("X-Amz-Firehose-Request-Id", id)
                .contentType("application/json")
                .body("{\"requestId\":\"" + id + "\",\"timestamp\":1,\"records\":[{\"data\":\""
                        + Base64.getEncoder().encodeToString(IngestResourceTest.LINE_111.getBytes()) + "\"}]}")
                .post("/ingest/v1/firehose/" + source).then().statusCode(503)
                .body("requestId", equalTo(id)).body("errorMessage", startsWith("Kafka did not acknowledge"));
    }
}
