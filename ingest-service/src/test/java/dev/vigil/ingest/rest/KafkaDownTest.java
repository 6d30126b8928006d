package dev.vigil.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.ingest.messaging.AccountDirectory;
import dev.vigil.web.ErrorMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the flow-log channel on the real Kafka connector and no broker listening, a submission answers 503
 * ServiceUnavailableException (bounded by max.block.ms / delivery.timeout.ms and vigil.ingest.publish-timeout)
 * instead of 200, nothing is metered, and readiness is DOWN.
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
}
