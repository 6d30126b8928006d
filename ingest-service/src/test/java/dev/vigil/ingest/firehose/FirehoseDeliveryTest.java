package dev.vigil.ingest.firehose;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.events.AccountState;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import dev.vigil.events.LogSourceStatus;
import dev.vigil.events.UsageRecord;
import dev.vigil.ingest.messaging.AccountDirectory;
import dev.vigil.ingest.sources.LogSourceDirectory;
import dev.vigil.ingest.sources.SourceStatusBoard;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Firehose HTTP endpoint delivery (issue 15 item 4) inside the application: the request and response formats of
 * AWS's specification, each record kind (raw flow log lines, Resolver JSON, CloudTrail events, CloudWatch Logs
 * subscription payloads), gzip, the access key, retries and error answers. Real: the resource, the parsers, the
 * tenant and detector checks. In memory: every Kafka channel (the log source and account states are sent on their
 * in-memory channels as accounts-service would publish them). No bearer token anywhere: Firehose sends none.
 */
@QuarkusTest
class FirehoseDeliveryTest {

    static final String A = "111111111111";
    static final String B = "222222222222";
    static final String KEY_A = "k-of-a-" + UUID.randomUUID();
    static final String KEY_B = "k-of-b-" + UUID.randomUUID();
    static final String SOURCE_A = "f1000000000000000000000000000001";
    static final String SOURCE_B = "f2000000000000000000000000000002";
    static final String FLOW_1 = "2 111111111111 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249"
            + " 1418530010 1418530070 ACCEPT OK";
    static final String FLOW_2 = "2 111111111111 eni-0aaaaaaaaaaaaaaaa 172.31.9.69 172.31.9.12 49761 3389 6 20 4249"
            + " 1418530010 1418530075 REJECT OK";
    static final String DNS = "{\"version\":\"1.100000\",\"account_id\":\"111111111111\",\"region\":\"us-east-1\","
            + "\"vpc_id\":\"vpc-7c2b1b1b\",\"query_timestamp\":\"2024-05-01T10:00:00Z\",\"query_name\":"
            + "\"example.com.\",\"query_type\":\"A\",\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[],"
            + "\"srcaddr\":\"172.31.16.139\",\"srcport\":\"53122\",\"transport\":\"UDP\",\"srcids\":{\"instance\":"
            + "\"i-0123456789abcdef0\"}}";
    static final String TRAIL = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":"
            + "\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::111111111111:user/alice\",\"accountId\":\"111111111111\","
            + "\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"alice\"},\"eventTime\":\"2024-05-01T10:00:00Z\","
            + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2.9.19\",\"eventID\":"
            + "\"3c5b2a1e-1111-2222-3333-444455556666\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":"
            + "\"111111111111\"}";
    static final String CONTROL = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
            + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1432826855000,"
            + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AccountDirectory accounts;

    @Inject
    LogSourceDirectory sources;

    @Inject
    SourceStatusBoard board;

    @BeforeEach
    void setUp() {
        account(A);
        account(B);
        source(SOURCE_A, A, "FIREHOSE", "AUTO", KEY_A, "ENABLED");
        source(SOURCE_B, B, "FIREHOSE", "AUTO", KEY_B, "ENABLED");
        await().until(() -> accounts.analyses(B, "us-east-1") && sources.find(SOURCE_B) != null);
        for (String ch : List.of("flow-logs-out", "dns-logs-out", "cloudtrail-out", "usage-out")) {
            connector.sink(ch).clear();
        }
    }

    void account(String account) {
        AccountState s = new AccountState(AccountState.SCHEMA_VERSION, account, System.nanoTime(),
                List.of(new AccountState.Detector("d" + account, "us-east-1", "ENABLED", "SIX_HOURS", true, true, true, 0L)),
                null, List.of(), 0L);
        connector.source(AccountDirectory.CHANNEL).send(Record.of(account, Json.write(s)));
    }

    void source(String id, String account, String kind, String logType, String key, String status) {
        LogSourceState s = new LogSourceState(1, id, account, "us-east-1", "d" + account, "fh", kind, logType,
                "us-east-1", null, null, null, null, null, key == null ? null : LogSourceState.firehoseKeyHash(key), null,
                status, System.nanoTime(), System.currentTimeMillis());
        connector.source("log-sources-in").send(Record.of(id, Json.write(s)));
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A Firehose request body whose records' data are the given base64 strings. */
    static String request(String requestId, String... data) {
        List<String> records = new ArrayList<>();
        for (String d : data) {
            records.add("{\"data\":\"" + d + "\"}");
        }
        return "{\"requestId\":\"" + requestId + "\",\"timestamp\":1578090901599,\"records\":["
                + String.join(",", records) + "]}";
    }

    /** A CloudWatch Logs DATA_MESSAGE carrying {@code messages}. */
    static String cwl(String... messages) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            events.add("{\"id\":\"" + (3195310660696698337L + i) + "\",\"timestamp\":1432826855000,\"message\":"
                    + Json.write(messages[i]) + "}");
        }
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111111111111\",\"logGroup\":\"flow\",\"logStream\":"
                + "\"eni-1\",\"subscriptionFilters\":[\"to-vigil\"],\"logEvents\":[" + String.join(",", events) + "]}";
    }

    static RequestSpecification firehose(String requestId, String key) {
        RequestSpecification r = given().contentType("application/json")
                .header("X-Amz-Firehose-Protocol-Version", "1.0")
                .header("X-Amz-Firehose-Source-Arn", "arn:aws:firehose:us-east-1:111111111111:deliverystream/vigil");
        if (requestId != null) {
            r = r.header(FirehoseResource.REQUEST_ID, requestId);
        }
        return key == null ? r : r.header(FirehoseResource.ACCESS_KEY, key);
    }

    static ValidatableResponse post(String sourceId, String requestId, String key, Object body) {
        return firehose(requestId, key).body(body).post("/ingest/v1/firehose/" + sourceId).then();
    }

    @SuppressWarnings("unchecked")
    <T> List<T> sent(String channel) {
        InMemorySink<T> sink = connector.sink(channel);
        return sink.received().stream().map(m -> ((Message<T>) m).getPayload()).toList();
    }

    @Test
    void everyRecordKindIsIngestedAsTheSourcesAccountAndAnsweredInFirehosesShape() throws IOException {
        String id = UUID.randomUUID().toString();
        post(SOURCE_A, id, KEY_A, request(id, b64(FLOW_1 + "\n"), b64(DNS), b64(TRAIL), b64(gzip(cwl(FLOW_2, FLOW_1
                .replace("20641", "20642")))), b64(gzip(CONTROL))))
                .statusCode(200).contentType("application/json")
                .body("requestId", equalTo(id)).body("timestamp", notNullValue()).body("errorMessage", nullValue());

        assertThat(this.<FlowLogRecord>sent("flow-logs-out")).extracting(FlowLogRecord::srcport)
                .containsExactly(20641, 49761, 20642);
        assertThat(this.<FlowLogRecord>sent("flow-logs-out")).extracting(FlowLogRecord::accountId).containsOnly(A);
        assertThat(this.<DnsLogRecord>sent("dns-logs-out")).extracting(DnsLogRecord::queryName).containsExactly("example.com.");
        assertThat(this.<CloudTrailRecord>sent("cloudtrail-out")).extracting(CloudTrailRecord::eventName).containsExactly("ListUsers");
        assertThat(this.<UsageRecord>sent("usage-out")).isNotEmpty();
    }

    @Test
    void aGzipBodyIsRead() throws IOException {
        String id = UUID.randomUUID().toString();
        firehose(id, KEY_A).header("Content-Encoding", "gzip").body(gzip(request(id, b64(FLOW_1), b64(FLOW_2))))
                .post("/ingest/v1/firehose/" + SOURCE_A).then().statusCode(200).body("requestId", equalTo(id));
        assertThat(this.<FlowLogRecord>sent("flow-logs-out")).hasSize(2);
    }

    @Test
    void aRetryWithTheSameRequestIdCountsOnce() {
        String id = UUID.randomUUID().toString();
        String body = request(id, b64(FLOW_1), b64(FLOW_2), b64(TRAIL));
        post(SOURCE_A, id, KEY_A, body).statusCode(200);
        List<String> first = new ArrayList<>(this.<FlowLogRecord>sent("flow-logs-out").stream().map(FlowLogRecord::eventId).toList());
        first.addAll(this.<CloudTrailRecord>sent("cloudtrail-out").stream().map(CloudTrailRecord::eventId).toList());
        List<String> firstUsage = this.<UsageRecord>sent("usage-out").stream().map(UsageRecord::eventId).toList();
        for (String ch : List.of("flow-logs-out", "cloudtrail-out", "usage-out")) {
            connector.sink(ch).clear();
        }

        post(SOURCE_A, id, KEY_A, body).statusCode(200); // Firehose retries when it did not get our 200
        List<String> retry = new ArrayList<>(this.<FlowLogRecord>sent("flow-logs-out").stream().map(FlowLogRecord::eventId).toList());
        retry.addAll(this.<CloudTrailRecord>sent("cloudtrail-out").stream().map(CloudTrailRecord::eventId).toList());
        assertThat(first).hasSize(3).doesNotHaveDuplicates();
        assertThat(firstUsage).isNotEmpty();
        // a retry of an acknowledged request is answered without publishing again (the detector's windows count
        // records); were it published (another replica, a restart), it would carry the same event IDs
        assertThat(retry).as("the retry publishes nothing again").isEmpty();
        assertThat(this.<UsageRecord>sent("usage-out")).as("nor meters it again").isEmpty();

        String other = UUID.randomUUID().toString();
        post(SOURCE_A, other, KEY_A, request(other, b64(FLOW_1))).statusCode(200);
        assertThat(this.<FlowLogRecord>sent("flow-logs-out").get(0).eventId())
                .as("another request is another submission").isNotIn(first);
    }

    @Test
    void theAccessKeyDecidesAndAnotherTenantsSourceIsAnsweredLikeAMissingOne() {
        String id = UUID.randomUUID().toString();
        String body = request(id, b64(FLOW_1));
        post(SOURCE_A, id, null, body).statusCode(401).body("requestId", equalTo(id))
                .body("errorMessage", startsWith("X-Amz-Firehose-Access-Key is missing"));
        String wrong = post(SOURCE_A, id, KEY_A + "x", body).statusCode(403).body("requestId", equalTo(id))
                .extract().path("errorMessage");
        String otherTenants = post(SOURCE_B, id, KEY_A, body).statusCode(403).extract().path("errorMessage");
        String missing = post("f9000000000000000000000000000009", id, KEY_A, body).statusCode(403).extract().path("errorMessage");
        assertThat(otherTenants).isEqualTo(missing).isEqualTo(wrong);
        source("f3000000000000000000000000000003", A, "S3_SQS", "FLOW", null, "ENABLED");
        post("f3000000000000000000000000000003", id, KEY_A, body).statusCode(403).body("errorMessage", equalTo(missing));
        post(SOURCE_A, id, "x".repeat(5000), body).statusCode(403).body("errorMessage", equalTo(missing));
        assertThat(this.<FlowLogRecord>sent("flow-logs-out")).isEmpty();

        source("f4000000000000000000000000000004", A, "FIREHOSE", "FLOW", KEY_A, "DISABLED");
        await().until(() -> sources.find("f4000000000000000000000000000004") != null);
        post("f4000000000000000000000000000004", id, KEY_A, body).statusCode(403).body("errorMessage", containsString("disabled"));
    }

    @Test
    void recordsNamingAnotherAccountAreRejectedNotIngestedAndShownOnTheSourceStatus() {
        String id = UUID.randomUUID().toString();
        post(SOURCE_A, id, KEY_A, request(id, b64(FLOW_1), b64(FLOW_2 + "\n" + FLOW_1.replace(A, B)))).statusCode(200);
        assertThat(this.<FlowLogRecord>sent("flow-logs-out")).extracting(FlowLogRecord::accountId).containsExactly(A, A);
        board.publishChanged();
        LogSourceStatus status = this.<LogSourceStatus>sent("log-source-status-out").stream()
                .filter(st -> st.logSourceId().equals(SOURCE_A)).reduce((a, b) -> b).orElseThrow();
        assertThat(status.errors()).anySatisfy(e -> {
            assertThat(e.object()).isEqualTo("firehose " + id + " records[1]");
            assertThat(e.line()).as("line 2 of record 1").isEqualTo(2);
            assertThat(e.reason()).startsWith("account 222222222222 is not the caller's account");
        });
    }

    @Test
    void malformedRecordsAre400sNamingTheRecordAndPublishNothing() {
        String id = UUID.randomUUID().toString();
        post(SOURCE_A, id, KEY_A, request(id, b64(FLOW_1), "not*base64")).statusCode(400)
                .body("requestId", equalTo(id)).body("errorMessage", startsWith("records[1].data: not valid base64"));
        post(SOURCE_A, id, KEY_A, request(id, b64(FLOW_1), b64(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2})))
                .statusCode(400).body("errorMessage", startsWith("records[1].data: the gzip stream"));
        post(SOURCE_A, id, KEY_A, "{\"requestId\":\"" + id + "\",\"records\":[{\"data\":\"" + b64(FLOW_1) + "\"},{}]}")
                .statusCode(400).body("errorMessage", startsWith("records[1].data: missing"));
        post(SOURCE_A, id, KEY_A, "[1,2]").statusCode(400).body("errorMessage", containsString("not a JSON object"));
        post(SOURCE_A, id, KEY_A, request("another-id", b64(FLOW_1))).statusCode(400)
                .body("errorMessage", containsString("X-Amz-Firehose-Request-Id"));
        assertThat(this.<FlowLogRecord>sent("flow-logs-out")).isEmpty();
    }

    @Test
    void recordsThatAreNotTheirLogTypeAtAllAre400sNamingTheRecords() {
        source("f5000000000000000000000000000005", A, "FIREHOSE", "CLOUDTRAIL", KEY_A, "ENABLED");
        await().until(() -> sources.find("f5000000000000000000000000000005") != null);
        String id = UUID.randomUUID().toString();
        post("f5000000000000000000000000000005", id, KEY_A, request(id, b64(FLOW_1), b64(FLOW_2))).statusCode(400)
                .body("errorMessage", startsWith("records[0, 1]: not cloudtrail records"));
    }
}
