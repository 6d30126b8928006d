package dev.vigil.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.events.AccountState;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.Json;
import dev.vigil.events.UsageRecord;
import dev.vigil.ingest.messaging.AccountDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * S3 data events in a CloudTrail submission: with the detector's S3_DATA_EVENTS off they are skipped (neither
 * published for analysis nor metered), with it on they are published and metered as {@code S3_LOGS} per event and
 * bucket, apart from the management events' {@code CLOUD_TRAIL}.
 */
@QuarkusTest
class S3DataEventsIngestTest {

    private static final String A = "444444444444";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AccountDirectory directory;

    private void state(boolean s3) {
        AccountState s = new AccountState(AccountState.SCHEMA_VERSION, A, System.nanoTime(),
                List.of(new AccountState.Detector("d" + A, "us-east-1", "ENABLED", "SIX_HOURS", true, true, true, 0L,
                        s3 ? List.of(AccountState.Detector.S3_DATA_EVENTS) : null)), null, List.of(), 0L);
        connector.source(AccountDirectory.CHANNEL).send(Record.of(A, Json.write(s)));
        await().until(() -> directory.analyses(A, "us-east-1") && directory.analysesS3DataEvents(A, "us-east-1") == s3);
        for (String ch : List.of("cloudtrail-out", "usage-out")) {
            connector.sink(ch).clear();
        }
    }

    private static String body() {
        String s3 = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAX\","
                + "\"accountId\":\"444444444444\",\"userName\":\"bob\"},\"eventTime\":\"2024-01-01T00:00:%02dZ\","
                + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"198.51.100.1\",\"requestParameters\":{\"bucketName\":\"reports\",\"key\":\"k%d\"},"
                + "\"eventID\":\"e-s3-%d\",\"eventType\":\"AwsApiCall\",\"managementEvent\":false,"
                + "\"eventCategory\":\"Data\",\"recipientAccountId\":\"444444444444\"}";
        String mgmt = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAX\","
                + "\"accountId\":\"444444444444\",\"userName\":\"bob\"},\"eventTime\":\"2024-01-01T00:00:09Z\","
                + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"198.51.100.1\",\"eventID\":\"e-mgmt\",\"eventType\":\"AwsApiCall\","
                + "\"managementEvent\":true,\"eventCategory\":\"Management\",\"recipientAccountId\":\"444444444444\"}";
        return "{\"Records\":[" + s3.formatted(1, 1, 1) + "," + s3.formatted(2, 2, 2) + "," + s3.formatted(3, 3, 3)
                + "," + mgmt + "]}";
    }

    @SuppressWarnings("unchecked")
    private <T> List<Message<T>> received(String channel) {
        return List.copyOf(((io.smallrye.reactive.messaging.memory.InMemorySink<T>) connector.sink(channel))
                .received());
    }

    @Test
    @TestSecurity(user = "ingest-444", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void offSkipsAndDoesNotMeterOnPublishesAndMetersAsS3Logs() {
        state(false);
        given().contentType("application/json").body(body()).post("/ingest/v1/cloudtrail").then().statusCode(200)
                .body("accepted", equalTo(1)).body("skipped", equalTo(3)).body("rejected", equalTo(0));
        List<Message<CloudTrailRecord>> sent = received("cloudtrail-out");
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.getPayload().eventName()).isEqualTo("ListBuckets"));
        List<Message<UsageRecord>> usage = received("usage-out");
        assertThat(usage).singleElement().satisfies(m -> assertThat(m.getPayload().dataSource()).isEqualTo("CLOUD_TRAIL"));

        state(true);
        given().contentType("application/json").body(body()).post("/ingest/v1/cloudtrail").then().statusCode(200)
                .body("accepted", equalTo(4)).body("skipped", equalTo(0));
        assertThat(received("cloudtrail-out")).hasSize(4);
        List<UsageRecord> metered = this.<UsageRecord>received("usage-out").stream().map(Message::getPayload).toList();
        assertThat(metered).extracting(UsageRecord::dataSource).containsExactlyInAnyOrder("CLOUD_TRAIL", "S3_LOGS");
        UsageRecord s3 = metered.stream().filter(u -> u.dataSource().equals("S3_LOGS")).findFirst().orElseThrow();
        assertThat(s3.events()).isEqualTo(3);
        assertThat(s3.bytes()).isZero();
        assertThat(s3.resourceId()).isEqualTo("reports");
        UsageRecord ct = metered.stream().filter(u -> u.dataSource().equals("CLOUD_TRAIL")).findFirst().orElseThrow();
        assertThat(ct.events()).isEqualTo(1);
    }
}
