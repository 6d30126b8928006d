package dev.vigil.accounts.sources;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import dev.vigil.events.LogSourceStatus;
import dev.vigil.web.sigv4.StackKeyCipher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Log sources over HTTP (issue 15 item 1): real PostgreSQL, the in-memory connector in place of Kafka, callers from
 * {@code @TestSecurity}. Checks validation (a 400 naming the member), that credentials are sealed on the topic with the
 * stack key and never returned, roles (admin writes, analyst reads, ingest none), another tenant's source answered
 * like a missing one, the reader's reports summed on GetLogSource, and the DELETED state a deletion publishes.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogSourceApiTest {

    static final String A = "111111111111";
    static final String B = "222222222222";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static String detectorA;
    static String detectorB;
    static String source;

    @Inject
    @Any
    InMemoryConnector connector;

    @ConfigProperty(name = "vigil.sigv4.stack-key")
    String stackKey;

    @BeforeAll
    static void clean() {
        dev.vigil.accounts.TestDbAccess.clean();
    }

    static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    static String s3Sqs(String extra) {
        return "{\"name\":\"flow\",\"kind\":\"S3_SQS\",\"logType\":\"FLOW\",\"region\":\"eu-west-1\","
                + "\"queueUrl\":\"http://127.0.0.1:9324/000000000000/flow\",\"endpoint\":\"http://127.0.0.1:8085\","
                + "\"credentials\":{\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"secretAccessKey\":\"" + SECRET + "\"}" + extra + "}";
    }

    List<LogSourceState> published(String id) {
        InMemorySink<LogSourceState> sink = connector.sink("log-sources-out");
        return sink.received().stream().map(Message::getPayload).filter(s -> s.logSourceId().equals(id)).toList();
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin-222", roles = {"admin"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void otherTenantHasADetector() {
        detectorB = post("/detector", "{\"enable\":true}").statusCode(200).extract().path("detectorId");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void badSettingsAreRefusedNamingTheMember() {
        detectorA = post("/detector", "{\"enable\":true}").statusCode(200).extract().path("detectorId");
        String base = "/detector/" + detectorA + "/logsource";
        post(base, "{\"name\":\"x\",\"kind\":\"S3_SQS\",\"credentials\":{\"roleArn\":\"arn:aws:iam::111111111111:role/r\"}}")
                .statusCode(400).body("message", containsString("queueUrl is required"));
        post(base, "{\"name\":\"x\",\"kind\":\"KINESIS\"}").statusCode(400).body("message", containsString("Invalid kind"));
        post(base, "{\"name\":\"x\",\"kind\":\"S3_POLL\",\"bucket\":\"Bad_Bucket\"}").statusCode(400)
                .body("message", containsString("bucket must be"));
        post(base, "{\"name\":\"x\",\"kind\":\"S3_POLL\",\"bucket\":\"logs\",\"credentials\":{\"roleArn\":\"nope\"}}")
                .statusCode(400).body("message", containsString("credentials.roleArn"));
        post(base, "{\"name\":\"x\",\"kind\":\"S3_POLL\",\"bucket\":\"logs\",\"credentials\":{\"roleArn\":"
                + "\"arn:aws:iam::111111111111:role/r\",\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"secretAccessKey\":\"s\"}}")
                .statusCode(400).body("message", containsString("either roleArn"));
        post(base, "{\"name\":\"x\",\"kind\":\"S3_POLL\",\"bucket\":\"logs\"}").statusCode(400)
                .body("message", containsString("credentials are required"));
        post(base, "{\"name\":\"x\",\"kind\":\"FIREHOSE\",\"bucket\":\"logs\"}").statusCode(400)
                .body("message", containsString("kind FIREHOSE takes no"));
        post(base, s3Sqs(",\"startTime\":\"yesterday\"")).statusCode(400).body("message", containsString("startTime"));
        post(base, s3Sqs(",\"startTime\":\"2026-12-01T00:00:00Z\"")).statusCode(400)
                .body("message", containsString("startTime of kind S3_SQS needs the bucket"));
        given().get(base).then().statusCode(200).body("logSourceIds", hasSize(0));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void credentialsAreSealedOnTheTopicAndNeverReturned() {
        source = post("/detector/" + detectorA + "/logsource", s3Sqs(",\"bucket\":\"flow-logs\",\"prefix\":\"AWSLogs/\""
                + ",\"startTime\":\"2026-12-01T00:00:00Z\"")).statusCode(200).extract().path("logSourceId");
        List<LogSourceState> states = published(source);
        assertThat(states).hasSize(1);
        LogSourceState st = states.get(0);
        assertThat(st.accountId()).isEqualTo(A);
        assertThat(st.kind()).isEqualTo("S3_SQS");
        assertThat(st.sourceRegion()).isEqualTo("eu-west-1");
        assertThat(st.startTime()).isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        assertThat(Json.write(st)).doesNotContain(SECRET);
        byte[] opened = StackKeyCipher.fromBase64(stackKey).open(st.sealedCredentials(), LogSourceState.credentialsPurpose(A, source));
        LogSourceState.Credentials c = Json.read(new String(opened, StandardCharsets.UTF_8), LogSourceState.Credentials.class);
        assertThat(c.secretAccessKey()).isEqualTo(SECRET);
        // bound to its source: the same sealed value does not open for another one
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackKeyCipher.fromBase64(stackKey)
                .open(st.sealedCredentials(), LogSourceState.credentialsPurpose(A, "0".repeat(32))))
                .isInstanceOf(IllegalArgumentException.class);
        String body = given().get("/detector/" + detectorA + "/logsource/" + source).then().statusCode(200)
                .body("name", equalTo("flow")).body("kind", equalTo("S3_SQS")).body("logType", equalTo("FLOW"))
                .body("status", equalTo("ENABLED")).body("credentials.accessKeyId", equalTo("AKIAIOSFODNN7EXAMPLE"))
                .body("startTime", equalTo("2026-12-01T00:00:00Z")).body("statusDetails.objectsRead", equalTo(0))
                .extract().asString();
        assertThat(body).doesNotContain(SECRET).doesNotContain("secretAccessKey").doesNotContain(st.sealedCredentials());
        given().get("/detector/" + detectorA + "/logsource").then().statusCode(200).body("logSourceIds", equalTo(List.of(source)));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "analyst-111", roles = {"analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void analystsReadButDoNotWrite() {
        given().get("/detector/" + detectorA + "/logsource/" + source).then().statusCode(200);
        post("/detector/" + detectorA + "/logsource/" + source, "{\"status\":\"DISABLED\"}").statusCode(403);
        given().delete("/detector/" + detectorA + "/logsource/" + source).then().statusCode(403);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "ingest-111", roles = {"ingest"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void ingestRoleHasNoAccess() {
        given().get("/detector/" + detectorA + "/logsource/" + source).then().statusCode(403);
        given().get("/detector/" + detectorA + "/logsource").then().statusCode(403);
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void anotherTenantsSourceIsAnsweredLikeAMissingOne() {
        String missing = "0123456789abcdef0123456789abcdef";
        for (String op : List.of("get", "update", "delete")) {
            String foreign = call(op, "/detector/" + detectorB + "/logsource/" + source);
            String none = call(op, "/detector/" + detectorB + "/logsource/" + missing);
            assertThat(foreign.replace(source, "{id}")).as(op).isEqualTo(none.replace(missing, "{id}")).startsWith("400 ");
        }
        given().get("/detector/" + detectorB + "/logsource").then().statusCode(200).body("logSourceIds", hasSize(0));
    }

    private static String call(String op, String path) {
        var r = switch (op) {
            case "get" -> given().get(path);
            case "update" -> given().contentType(ContentType.JSON).body("{\"status\":\"DISABLED\"}").post(path);
            default -> given().delete(path);
        };
        return r.statusCode() + " " + r.asString();
    }

    @Test
    @Order(7)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void readerReportsAreSummedAndUpdatesPublished() {
        var in = connector.source("log-source-status-in");
        long now = System.currentTimeMillis();
        in.send(new LogSourceStatus(1, source, A, "r1", "s3://flow-logs/a.gz", now - 1000, 1500L, 2, 20, 1, 0,
                List.of(new LogSourceStatus.SourceError("s3://flow-logs/bad.gz", 3, "line 3: expected 14 fields, got 2", now - 500)), now));
        in.send(new LogSourceStatus(1, source, A, "r2", "s3://flow-logs/b.gz", now, 300L, 3, 30, 0, 1, List.of(), now));
        in.send(new LogSourceStatus(1, source, B, "r3", "s3://x/y", now, 1L, 100, 100, 0, 0, List.of(), now)); // wrong account: ignored
        String path = "/detector/" + detectorA + "/logsource/" + source;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(5)
                .equals(given().get(path).then().extract().path("statusDetails.objectsRead")));
        given().get(path).then().body("statusDetails.recordsRead", equalTo(50)).body("statusDetails.deadLettered", equalTo(1))
                .body("statusDetails.objectsSkipped", equalTo(1)).body("statusDetails.lastObject", equalTo("s3://flow-logs/b.gz"))
                .body("statusDetails.lagSeconds", equalTo(1)).body("statusDetails.errors[0].line", equalTo(3))
                .body("statusDetails.errors[0].object", equalTo("s3://flow-logs/bad.gz"));

        post(path, "{\"kind\":\"S3_POLL\"}").statusCode(400).body("message", containsString("kind cannot be changed"));
        post(path, "{\"status\":\"DISABLED\",\"logType\":\"AUTO\"}").statusCode(200);
        LogSourceState last = published(source).get(published(source).size() - 1);
        assertThat(last.status()).isEqualTo("DISABLED");
        assertThat(last.logType()).isEqualTo("AUTO");
        assertThat(last.sealedCredentials()).as("credentials kept").isNotNull();
        given().get(path).then().body("status", equalTo("DISABLED")).body("bucket", equalTo("flow-logs"));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void deletionPublishesDeleted() {
        String path = "/detector/" + detectorA + "/logsource/" + source;
        given().delete(path).then().statusCode(200);
        List<LogSourceState> states = published(source);
        assertThat(states.get(states.size() - 1).status()).isEqualTo(LogSourceState.DELETED);
        assertThat(states.get(states.size() - 1).version()).isGreaterThan(states.get(0).version());
        given().get(path).then().statusCode(400).body("message", containsString("logSourceId is not owned"));
        given().get("/detector/" + detectorA + "/logsource").then().body("logSourceIds", hasSize(0)).body("nextToken", nullValue());
        // a firehose source needs no credentials
        post("/detector/" + detectorA + "/logsource", "{\"name\":\"dns\",\"kind\":\"FIREHOSE\",\"logType\":\"DNS\"}").statusCode(200);
    }

    @Test
    @Order(9)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void firehoseAccessKeyIsShownOnceAndPublishedOnlyHashed() {
        var created = post("/detector/" + detectorA + "/logsource", "{\"name\":\"fh\",\"kind\":\"FIREHOSE\"}")
                .statusCode(200).extract();
        String id = created.path("logSourceId");
        String key = created.path("firehoseAccessKey");
        assertThat(key).as("256 bits, Base64url").matches("[A-Za-z0-9_-]{43}");
        LogSourceState state = published(id).get(0);
        assertThat(state.firehoseKeyHash()).isEqualTo(LogSourceState.firehoseKeyHash(key));
        assertThat(Json.write(state)).doesNotContain(key);
        String got = given().get("/detector/" + detectorA + "/logsource/" + id).then().statusCode(200)
                .body("kind", equalTo("FIREHOSE")).extract().asString();
        assertThat(got).doesNotContain(key).doesNotContain(state.firehoseKeyHash());
        // an update keeps the key
        post("/detector/" + detectorA + "/logsource/" + id, "{\"logType\":\"DNS\"}").statusCode(200)
                .body("firehoseAccessKey", nullValue());
        List<LogSourceState> states = published(id);
        assertThat(states.get(states.size() - 1).firehoseKeyHash()).isEqualTo(state.firehoseKeyHash());
        // a rotation issues a new one, shown once, and publishes only its hash
        String rotated = post("/detector/" + detectorA + "/logsource/" + id, "{\"rotateFirehoseAccessKey\":true}")
                .statusCode(200).extract().path("firehoseAccessKey");
        assertThat(rotated).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(key);
        states = published(id);
        assertThat(states.get(states.size() - 1).firehoseKeyHash()).isEqualTo(LogSourceState.firehoseKeyHash(rotated));
        // other kinds get none
        String s3 = post("/detector/" + detectorA + "/logsource", s3Sqs("")).statusCode(200)
                .body("firehoseAccessKey", nullValue()).extract().path("logSourceId");
        assertThat(published(s3).get(0).firehoseKeyHash()).isNull();
        post("/detector/" + detectorA + "/logsource/" + s3, "{\"rotateFirehoseAccessKey\":true}").statusCode(400)
                .body("message", containsString("kind FIREHOSE only"));
    }
}
