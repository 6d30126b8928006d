package dev.vigil.ingest.rest;

import static dev.vigil.ingest.rest.IngestResourceTest.A111;
import static dev.vigil.ingest.rest.IngestResourceTest.received;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.ingest.messaging.AccountDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch Logs subscription payloads posted to the existing ingest endpoints (issue 15 item 5): what a
 * subscription filter delivers (gzip, or base64 gzip as Firehose carries it) is read as the log type's lines, with
 * per-line errors numbered by log event; the {@code CONTROL_MESSAGE} AWS sends first is acknowledged.
 */
@QuarkusTest
@TestSecurity(user = "ingest-111", roles = "ingest")
@OidcSecurity(claims = @Claim(key = "account_id", value = A111))
class SubscriptionPayloadIngestTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AccountDirectory directory;

    @BeforeEach
    void setUp() {
        IngestResourceTest.state(connector, A111, "us-east-1", "ENABLED");
        await().until(() -> directory.analyses(A111, "us-east-1"));
        for (String ch : List.of("flow-logs-out", "dns-logs-out", "cloudtrail-out", "usage-out")) {
            connector.sink(ch).clear();
        }
    }

    static String payload(String... messages) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < messages.length; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(3195310660696698337L + i)
                    .append("\",\"timestamp\":1432826855000,\"message\":")
                    .append(dev.vigil.events.Json.write(messages[i])).append('}');
        }
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111111111111\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"subscriptionFilters\":[\"to-vigil\"],\"logEvents\":[" + events + "]}";
    }

    @Test
    void aGzipFlowLogPayloadIsIngestedWithErrorsNumberedByLogEvent() throws IOException {
        String body = payload(IngestResourceTest.LINE_111, "2 111111111111 eni-1 not a flow record",
                IngestResourceTest.LINE_111_B);
        given().contentType("application/octet-stream").header("Content-Encoding", "gzip")
                .body(IngestResourceTest.gzip(body)).post("/ingest/v1/flow-logs?region=us-east-1")
                .then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("errors", hasSize(1)).body("errors[0].line", equalTo(2));

        List<Message<FlowLogRecord>> sent = received(connector, "flow-logs-out");
        assertThat(sent).extracting(m -> m.getPayload().dstport()).containsExactly(22, 3389);
    }

    @Test
    void aBase64GzipPayloadOfResolverQueryLogsIsIngested() throws IOException {
        String query = "{\"version\":\"1.100000\",\"account_id\":\"111111111111\",\"region\":\"us-east-1\","
                + "\"vpc_id\":\"vpc-7c2b1b1b\",\"query_timestamp\":\"2024-05-01T10:00:00Z\",\"query_name\":"
                + "\"example.com.\",\"query_type\":\"A\",\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[],"
                + "\"srcaddr\":\"172.31.16.139\",\"srcport\":\"53122\",\"transport\":\"UDP\",\"srcids\":{\"instance\":"
                + "\"i-0123456789abcdef0\"}}";
        given().contentType("text/plain").body(Base64.getEncoder().encodeToString(IngestResourceTest.gzip(
                payload(query, query.replace("example.com.", "example.org.")))))
                .post("/ingest/v1/dns-logs?region=us-east-1")
                .then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(0));

        List<Message<DnsLogRecord>> sent = received(connector, "dns-logs-out");
        assertThat(sent).extracting(m -> m.getPayload().queryName()).containsExactly("example.com.", "example.org.");
    }

    @Test
    void cloudTrailEventsInAPayloadAreIngestedOneEventPerLogEvent() {
        String event = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":"
                + "\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::111111111111:user/alice\",\"accountId\":\"111111111111\","
                + "\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"alice\"},\"eventTime\":\"2024-05-01T10:00:00Z\","
                + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2.9.19\",\"eventID\":"
                + "\"3c5b2a1e-1111-2222-3333-444455556666\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":"
                + "\"111111111111\"}";
        given().contentType("application/json").body(payload(event, "not json"))
                .post("/ingest/v1/cloudtrail?region=us-east-1")
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("errors[0].index", equalTo(1));

        List<Message<CloudTrailRecord>> sent = received(connector, "cloudtrail-out");
        assertThat(sent).extracting(m -> m.getPayload().eventName()).containsExactly("ListBuckets");
    }

    @Test
    void theControlMessageIsAcknowledgedAndNothingIsPublished() {
        given().contentType("application/json").body("{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":"
                + "\"CloudwatchLogs\",\"logGroup\":\"\",\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":"
                + "[{\"id\":\"\",\"timestamp\":1432826855000,\"message\":\"CWL CONTROL MESSAGE: Checking health of"
                + " destination Firehose.\"}]}")
                .post("/ingest/v1/flow-logs?region=us-east-1")
                .then().statusCode(200).body("accepted", equalTo(0)).body("skipped", equalTo(1));

        assertThat(received(connector, "flow-logs-out")).isEmpty();
        assertThat(received(connector, "usage-out")).isEmpty();
    }

    @Test
    void aPayloadWithoutLogEventsIsA400NamingTheField() {
        given().contentType("application/json").body("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111111111111\"}")
                .post("/ingest/v1/flow-logs?region=us-east-1")
                .then().statusCode(400).body("message", startsWith("logEvents"));
    }
}
