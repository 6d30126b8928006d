package dev.vigil.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.events.AccountState;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import dev.vigil.events.UsageRecord;
import dev.vigil.ingest.messaging.AccountDirectory;
import dev.vigil.web.ErrorMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest endpoints end to end inside the application: parsing, tenancy and detector checks, gzip, limits, and
 * what reaches the (in-memory) Kafka channels with keys and timestamps.
 */
@QuarkusTest
class IngestResourceTest {

    static final String A111 = "111111111111";
    static final String LINE_111 = "2 111111111111 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249"
            + " 1418530010 1418530070 ACCEPT OK";
    static final String LINE_111_B = "2 111111111111 eni-0aaaaaaaaaaaaaaaa 172.31.9.69 172.31.9.12 49761 3389 6 20 4249"
            + " 1418530010 1418530075 REJECT OK";
    static final String LINE_222 = LINE_111.replace("111111111111", "222222222222");

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AccountDirectory directory;

    @BeforeEach
    void setUp() {
        state(A111, "us-east-1", "ENABLED");
        state("222222222222", "us-east-1", "ENABLED");
        state("333333333333", "us-east-1", "DISABLED");
        await().until(() -> directory.analyses("222222222222", "us-east-1"));
        for (String ch : List.of("flow-logs-out", "dns-logs-out", "cloudtrail-out", "usage-out")) {
            connector.sink(ch).clear();
        }
    }

    void state(String account, String region, String status) {
        state(connector, account, region, status);
    }

    /** Publishes, on the in-memory account-state channel, {@code account} with one detector in {@code region}. */
    static void state(InMemoryConnector connector, String account, String region, String status) {
        AccountState s = new AccountState(AccountState.SCHEMA_VERSION, account, System.nanoTime(),
                List.of(new AccountState.Detector("d" + account, region, status, "SIX_HOURS", true, true, true, 0L)),
                null, List.of(), 0L);
        connector.source(AccountDirectory.CHANNEL).send(Record.of(account, Json.write(s)));
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static <T> List<Message<T>> received(InMemoryConnector c, String channel) {
        InMemorySink<T> sink = c.sink(channel);
        return List.copyOf(sink.received());
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void flowLogsArePublishedKeyedAndTimestampedAndOtherAccountsAreLineErrors() {
        given().contentType("text/plain").body(LINE_111 + "\n" + LINE_111_B + "\n" + LINE_222 + "\n")
                .post("/ingest/v1/flow-logs?region=us-east-1")
                .then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(1)).body("skipped", equalTo(0))
                .body("errors", hasSize(1)).body("errors[0].line", equalTo(3))
                .body("errors[0].reason", startsWith("account 222222222222 is not the caller's account"));

        List<Message<FlowLogRecord>> sent = received(connector, "flow-logs-out");
        assertThat(sent).hasSize(2);
        OutgoingKafkaRecordMetadata<?> meta = sent.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(meta.getKey()).isEqualTo("111111111111/eni-1235b8ca123456789");
        assertThat(meta.getTimestamp()).isEqualTo(Instant.ofEpochSecond(1418530070));
        assertThat(sent.get(0).getPayload().region()).isEqualTo("us-east-1");
        assertThat(sent.get(1).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getTimestamp())
                .isEqualTo(Instant.ofEpochSecond(1418530075));

        List<Message<UsageRecord>> usage = received(connector, "usage-out");
        assertThat(usage).hasSize(2);
        UsageRecord u = usage.get(0).getPayload();
        assertThat(u.dataSource()).isEqualTo("FLOW_LOGS");
        assertThat(u.accountId()).isEqualTo(A111);
        assertThat(u.resourceId()).isEqualTo("eni-1235b8ca123456789");
        assertThat(u.hourStart()).isEqualTo(1418529600000L);
        assertThat(u.bytes()).isEqualTo(LINE_111.length() + 1);
        assertThat(u.events()).isEqualTo(1);
        assertThat(usage.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey()).isEqualTo(A111);
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void aRetryWithTheSameIdempotencyKeyGivesTheSameEventIdsAndANewSubmissionNewOnes() {
        for (int i = 0; i < 2; i++) {
            given().header("Idempotency-Key", "file-1").body(LINE_111).post("/ingest/v1/flow-logs").then()
                    .statusCode(200).body("accepted", equalTo(1));
        }
        given().body(LINE_111).post("/ingest/v1/flow-logs").then().statusCode(200).body("accepted", equalTo(1));
        List<Message<FlowLogRecord>> sent = received(connector, "flow-logs-out");
        // a retry (same key) is the same event: consumers ignore it
        assertThat(sent.get(0).getPayload().eventId()).isEqualTo(sent.get(1).getPayload().eventId());
        // the same file submitted again without a key is new activity: it counts again
        assertThat(sent.get(2).getPayload().eventId()).isNotEqualTo(sent.get(0).getPayload().eventId());
        List<Message<UsageRecord>> usage = received(connector, "usage-out");
        assertThat(usage.get(0).getPayload().eventId()).isEqualTo(usage.get(1).getPayload().eventId());
        assertThat(usage.get(2).getPayload().eventId()).isNotEqualTo(usage.get(0).getPayload().eventId());
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void gzipBodiesAreAcceptedByHeaderTypeOrMagic() throws IOException {
        byte[] gz = gzip(LINE_111 + "\n");
        given().header("Content-Encoding", "gzip").contentType("text/plain").body(gz)
                .post("/ingest/v1/flow-logs").then().statusCode(200).body("accepted", equalTo(1));
        given().contentType("application/gzip").body(gz)
                .post("/ingest/v1/flow-logs").then().statusCode(200).body("accepted", equalTo(1));
        given().contentType("application/octet-stream").body(gz)
                .post("/ingest/v1/flow-logs").then().statusCode(200).body("accepted", equalTo(1));
        assertThat(received(connector, "flow-logs-out")).hasSize(3);
        given().header("Content-Encoding", "gzip").body(LINE_111).post("/ingest/v1/flow-logs")
                .then().statusCode(400).body("__type", equalTo("BadRequestException"));
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void bodiesOverTheLimitAnswer413AlsoWhenCompressed() throws IOException {
        // %test limit: 1 MiB decompressed
        String big = (LINE_111 + "\n").repeat(1024 * 1024 / LINE_111.length() + 10);
        given().body(big).post("/ingest/v1/flow-logs").then().statusCode(413)
                .header(ErrorMappers.ERROR_TYPE_HEADER, "PayloadTooLargeException")
                .body("__type", equalTo("PayloadTooLargeException"));
        byte[] bomb = gzip("0".repeat(50 * 1024 * 1024));
        assertThat(bomb.length).isLessThan(100_000);
        given().header("Content-Encoding", "gzip").body(bomb).post("/ingest/v1/flow-logs").then().statusCode(413);
        assertThat(received(connector, "flow-logs-out")).isEmpty();
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void aBodyThatIsNotTheDeclaredFormatIs400InGuardDutyShape() {
        given().contentType("application/json").body("{\"Records\":[]}").post("/ingest/v1/flow-logs")
                .then().statusCode(400).header(ErrorMappers.ERROR_TYPE_HEADER, "BadRequestException")
                .body("__type", equalTo("BadRequestException"))
                .body("message", startsWith("the body is not VPC Flow Log text"));
        given().body("1.0 2017-12-13T08:16:02.130Z Z123412341234 example.com A NOERROR UDP Region 192.168.1.1 -")
                .post("/ingest/v1/dns-logs").then().statusCode(400)
                .body("message", startsWith("the body is not Route 53 Resolver query logs"));
        given().body(LINE_111).post("/ingest/v1/flow-logs?region=Not_A_Region").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void deeplyNestedJsonIsAClear400WithoutJavaNames() {
        String deep = "[".repeat(10_000);
        for (String path : List.of("/ingest/v1/cloudtrail", "/ingest/v1/dns-logs")) {
            Response r = given().contentType("application/json").body(deep).post(path);
            r.then().statusCode(400).header(ErrorMappers.ERROR_TYPE_HEADER, "BadRequestException")
                    .body("__type", equalTo("BadRequestException"));
            assertThat(r.jsonPath().getString("message")).as(path)
                    .contains("nesting depth (65) exceeds the maximum allowed (64)")
                    .doesNotContain("`", "StreamReadConstraints", "java.", "jackson", "Exception");
        }
        // a deep line among good ones is a per-line error; the others go through
        String line = "{\"version\":\"1.100000\",\"account_id\":\"111111111111\",\"region\":\"us-east-1\","
                + "\"vpc_id\":\"vpc-1\",\"query_timestamp\":\"2021-12-11T22:46:23Z\",\"query_name\":\"example.com.\","
                + "\"query_type\":\"A\",\"rcode\":\"NOERROR\",\"srcaddr\":\"172.31.86.159\",\"srcport\":\"48701\"}";
        given().body(line + "\n{\"a\":" + "[".repeat(100) + "\n" + line + "\n").post("/ingest/v1/dns-logs").then()
                .statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].reason", equalTo("invalid JSON: Document nesting depth (65) exceeds the maximum allowed (64)"));
        assertThat(received(connector, "dns-logs-out")).hasSize(2);
        assertThat(received(connector, "cloudtrail-out")).isEmpty();
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void recordsForARegionWithoutAnEnabledDetectorAreLineErrors() {
        given().body(LINE_111 + "\n" + LINE_111).post("/ingest/v1/flow-logs?region=eu-west-1").then().statusCode(200)
                .body("accepted", equalTo(0)).body("rejected", equalTo(2))
                .body("errors[0].reason", equalTo("account 111111111111 has no enabled detector in region eu-west-1"));
    }

    @Test
    @TestSecurity(user = "vigil-collector", roles = "collector")
    void collectorSubmitsForAnyAccountWithAnEnabledDetector() {
        String body = LINE_111 + "\n" + LINE_222 + "\n" + LINE_111.replace("111111111111", "333333333333") + "\n"
                + LINE_111.replace("111111111111", "444444444444") + "\n"
                + LINE_111.replace("111111111111", "-") + "\n";
        Response r = given().body(body).post("/ingest/v1/flow-logs");
        r.then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(3));
        assertThat(r.jsonPath().getList("errors.line", Integer.class)).containsExactly(3, 4, 5);
        assertThat(r.jsonPath().getString("errors[2].reason")).contains("names no account");
        List<Message<FlowLogRecord>> sent = received(connector, "flow-logs-out");
        assertThat(sent).extracting(m -> m.getPayload().accountId()).containsExactly(A111, "222222222222");
    }

    @Test
    @TestSecurity(user = "vigil-collector", roles = "collector")
    void aTombstoneRemovesTheAccount() {
        connector.source(AccountDirectory.CHANNEL).send(Record.of("222222222222", null));
        await().until(() -> !directory.analyses("222222222222", "us-east-1"));
        given().body(LINE_222).post("/ingest/v1/flow-logs").then().statusCode(200).body("rejected", equalTo(1));
        connector.source(AccountDirectory.CHANNEL).send(Record.of("222222222222", "not json"));
        assertThat(directory.analyses("222222222222", "us-east-1")).isFalse();
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void dnsLogsArePublished() {
        String line = "{\"version\":\"1.100000\",\"account_id\":\"111111111111\",\"region\":\"us-east-1\","
                + "\"vpc_id\":\"vpc-1\",\"query_timestamp\":\"2021-12-11T22:46:23Z\",\"query_name\":\"example.com.\","
                + "\"query_type\":\"A\",\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[],"
                + "\"srcaddr\":\"172.31.86.159\",\"srcport\":\"48701\",\"transport\":\"UDP\",\"srcids\":{}}";
        given().contentType("application/json").body(line + "\n" + line.replace("2021-12-11", "2021-13-11"))
                .post("/ingest/v1/dns-logs").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1)).body("errors[0].line", equalTo(2));
        List<Message<DnsLogRecord>> sent = received(connector, "dns-logs-out");
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                    .isEqualTo("111111111111/172.31.86.159");
            assertThat(m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getTimestamp())
                    .isEqualTo(Instant.parse("2021-12-11T22:46:23Z"));
        });
        List<Message<UsageRecord>> usage = received(connector, "usage-out");
        assertThat(usage).singleElement().satisfies(m -> assertThat(m.getPayload().bytes()).isEqualTo(line.length() + 1));
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void cloudTrailIsPublishedAndInsightsSkipped() {
        String event = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"Root\",\"principalId\":\"111111111111\","
                + "\"arn\":\"arn:aws:iam::111111111111:root\",\"accountId\":\"111111111111\"},"
                + "\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventSource\":\"signin.amazonaws.com\","
                + "\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.1\","
                + "\"eventType\":\"AwsConsoleSignIn\",\"recipientAccountId\":\"111111111111\"}";
        String insight = "{\"eventVersion\":\"1.07\",\"eventTime\":\"2024-01-01T00:00:00Z\","
                + "\"eventType\":\"AwsCloudTrailInsight\",\"recipientAccountId\":\"111111111111\"}";
        given().contentType("application/json").body("{\"Records\":[" + event + "," + insight + "]}")
                .post("/ingest/v1/cloudtrail").then().statusCode(200)
                .body("accepted", equalTo(1)).body("skipped", equalTo(1)).body("rejected", equalTo(0));
        List<Message<CloudTrailRecord>> sent = received(connector, "cloudtrail-out");
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                    .isEqualTo("111111111111/111111111111");
            assertThat(m.getPayload().eventName()).isEqualTo("ConsoleLogin");
        });
        List<Message<UsageRecord>> usage = received(connector, "usage-out");
        assertThat(usage).singleElement().satisfies(m -> {
            assertThat(m.getPayload().dataSource()).isEqualTo("CLOUD_TRAIL");
            assertThat(m.getPayload().events()).isEqualTo(1);
            assertThat(m.getPayload().bytes()).isZero();
        });
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().body(LINE_111).post("/ingest/v1/flow-logs").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "analyst-111", roles = "analyst")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A111))
    void anotherRoleIs403() {
        given().body(LINE_111).post("/ingest/v1/flow-logs").then().statusCode(403);
        assertThat(received(connector, "flow-logs-out")).isEmpty();
    }
}
