package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static dev.vigil.e2e.DemoIdentities.OTHER_ACCOUNT;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.GuardDutyApi.getFindings;
import static dev.vigil.e2e.suite.GuardDutyApi.listFindings;
import static dev.vigil.e2e.suite.Stack.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.e2e.sources.FirehoseSender;
import dev.vigil.e2e.sources.S3Drop;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 on the real stack: logs delivered as AWS delivers them, read by ingest-service from the stack's S3 server
 * (S3Proxy) and SQS server (ElasticMQ), and through the Firehose HTTP endpoint. An outbound port scan in a gzip
 * flow-log object notified to the queue becomes a finding; the same notification again is skipped (the source's status
 * says so) and changes no count; a Firehose
 * request retried with its request ID changes no count either; objects that are not logs show on the source's status
 * with their object and reason while the next object is read. Tenant 333333333333
 * (admin-333), whose own sources and findings no other suite touches.
 */
class LogSourcesIT {

    static final String REGION = "us-east-1";
    static final String PORTSCAN = "Recon:EC2/Portscan";
    static final String BUCKET = "vigil-it-" + OTHER_ACCOUNT;
    static final String PREFIX = "AWSLogs/" + OTHER_ACCOUNT + "/vpcflowlogs/";
    static final String HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol"
            + " packets bytes start end action log-status instance-id";
    /** Past the detector's finding update interval (DeliveryOrderIT): a count read after it no longer moves. */
    static final Duration SETTLE = Duration.ofSeconds(35);

    private static S3Drop drop;
    private static String detector;
    private static String queueUrl;
    private static String sqsSource;

    @BeforeAll
    static void source() {
        detector = ensureDetector(ADMIN_333);
        drop = drop();
        queueUrl = drop.ensureQueue("vigil-it-" + UUID.randomUUID());
        sqsSource = createSource(detector, queueUrl);
    }

    /** A client of the stack's S3 and SQS servers, with tenant 333333333333's bucket made. */
    static S3Drop drop() {
        S3Drop d = new S3Drop(Stack.url("s3"), Stack.url("sqs"), s3AccessKey(), Stack.env("VIGIL_S3_SECRET_KEY", ""), REGION);
        d.ensureBucket(BUCKET);
        return d;
    }

    /** Creates an {@code S3_SQS} flow-log source of tenant 333333333333 on {@code queue}; returns its ID. */
    static String createSource(String detector, String queue) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("name", "it-flow-" + UUID.randomUUID());
        settings.put("kind", "S3_SQS");
        settings.put("logType", "FLOW");
        settings.put("region", REGION);
        settings.put("queueUrl", queue);
        settings.put("bucket", BUCKET);
        settings.put("prefix", PREFIX);
        settings.put("endpoint", Stack.url("s3"));
        settings.put("credentials", Map.of("accessKeyId", s3AccessKey(), "secretAccessKey", Stack.env("VIGIL_S3_SECRET_KEY", "")));
        return as(ADMIN_333, "accounts").body(settings).post("/detector/" + detector + "/logsource").then()
                .statusCode(200).extract().path("logSourceId");
    }

    @AfterAll
    static void close() {
        if (drop != null) {
            drop.close();
        }
    }

    private static String s3AccessKey() {
        return Stack.env("VIGIL_S3_ACCESS_KEY", "VIGILLOCALS3ACCESSKEY");
    }

    @Test
    void aNotifiedFlowLogObjectBecomesAFindingAndTheSameNotificationAgainCountsOnce() throws Exception {
        String scanner = id("i-");
        String key = key("scan");
        byte[] object = S3Drop.gzip(HEADER + "\n" + String.join("\n", scan(scanner, true)) + "\n");
        String etag = drop.put(BUCKET, key, object, queueUrl);

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                .until(() -> portscanCount(scanner) > 0);
        Thread.sleep(SETTLE.toMillis());
        int count = portscanCount(scanner);
        long skipped = status(sqsSource).getLong("statusDetails.objectsSkipped");

        drop.notify(queueUrl, BUCKET, key, object.length, etag); // S3 delivers a notification at least once
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> drop.pending(queueUrl) == 0 && status(sqsSource).getLong("statusDetails.objectsSkipped") > skipped);
        Thread.sleep(SETTLE.toMillis());
        assertThat(portscanCount(scanner)).as("the finding's count after the object was read twice").isEqualTo(count);
    }

    @Test
    void aFirehoseRequestRetriedWithItsRequestIdCountsOnce() throws Exception {
        JsonPath created = as(ADMIN_333, "accounts").body(Map.of("name", "it-firehose-" + UUID.randomUUID(), "kind",
                "FIREHOSE", "logType", "FLOW", "region", REGION)).post("/detector/" + detector + "/logsource").then()
                .statusCode(200).extract().jsonPath();
        FirehoseSender firehose = new FirehoseSender(HttpClient.newHttpClient(), Stack.url("ingest"),
                created.getString("logSourceId"), created.getString("firehoseAccessKey"));
        String scanner = id("i-");
        List<String> records = new ArrayList<>();
        records.add(HEADER); // the producer's first record names the fields, instance-id among them
        records.addAll(scan(scanner, true));
        String requestId = UUID.randomUUID().toString();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)) // until ingest read the new source
                .until(() -> firehose.post(requestId, records).ok());
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                .until(() -> portscanCount(scanner) > 0);
        Thread.sleep(SETTLE.toMillis());
        int count = portscanCount(scanner);

        FirehoseSender.Answer retry = firehose.post(requestId, records); // Firehose retries when no 200 came in time
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).contains(requestId);
        Thread.sleep(SETTLE.toMillis());
        assertThat(portscanCount(scanner)).as("the finding's count after the request came twice").isEqualTo(count);
    }

    @Test
    void objectsThatAreNotLogsShowOnTheStatusAndTheNextObjectIsStillRead() throws Exception {
        String notALog = key("not-a-log");
        String truncated = key("truncated");
        String good = key("good");
        drop.put(BUCKET, notALog, S3Drop.gzip("<html><body>this is not a flow log</body></html>\n"), queueUrl);
        byte[] whole = S3Drop.gzip(HEADER + "\n" + String.join("\n", scan(id("i-"), false)) + "\n");
        drop.put(BUCKET, truncated, Arrays.copyOf(whole, whole.length / 2), queueUrl);
        drop.put(BUCKET, good, S3Drop.gzip(HEADER + "\n" + String.join("\n", scan(id("i-"), false).subList(0, 5)) + "\n"), queueUrl);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonPath s = status(sqsSource);
            List<Map<String, Object>> errors = s.getList("statusDetails.errors");
            assertThat(errors).anySatisfy(e -> {
                assertThat(e.get("object")).isEqualTo("s3://" + BUCKET + "/" + notALog);
                assertThat((String) e.get("reason")).isNotBlank();
            });
            assertThat(errors).anySatisfy(e -> {
                assertThat(e.get("object")).isEqualTo("s3://" + BUCKET + "/" + truncated);
                assertThat((String) e.get("reason")).containsIgnoringCase("gzip");
            });
            assertThat(s.getString("statusDetails.lastObject")).isEqualTo("s3://" + BUCKET + "/" + good);
        });
        assertThat(drop.pending(queueUrl)).as("messages left in the queue").isZero();
    }

    /** GetLogSource as admin-333. */
    private static JsonPath status(String id) {
        return as(ADMIN_333, "accounts").get("/detector/" + detector + "/logsource/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    /** The summed service.count of the Portscan findings of {@code instance} (0 when there is none). */
    private static int portscanCount(String instance) {
        return portscanCount(detector, instance);
    }

    /** The summed service.count of the Portscan findings of {@code instance} under {@code detector} (0: none). */
    static int portscanCount(String detector, String instance) {
        List<String> ids = listFindings(ADMIN_333, detector, Map.of("type", Map.of("eq", List.of(PORTSCAN)),
                "resource.instanceDetails.instanceId", Map.of("eq", List.of(instance))));
        if (ids.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (Map<String, Object> f : getFindings(ADMIN_333, detector, ids)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> service = (Map<String, Object>) f.get("service");
            n += ((Number) service.get("count")).intValue();
        }
        return n;
    }

    /** An AWS-shaped key of a flow log object under today's prefix. */
    static String key(String tag) {
        Instant now = Instant.now();
        return PREFIX + REGION + "/" + DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(now) + "/"
                + OTHER_ACCOUNT + "_vpcflowlogs_" + REGION + "_fl-" + tag + "_"
                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(now) + "_"
                + UUID.randomUUID().toString().substring(0, 8) + ".log.gz";
    }

    /** An nmap-style outbound SYN scan of 1,000 ports in 40 s (as DeliveryOrderIT's), or 1,000 benign lines. */
    static List<String> scan(String instance, boolean attack) {
        return scan(instance, attack, Instant.now().minusSeconds(600).getEpochSecond());
    }

    /** The same scan, its first record at {@code start} (epoch seconds). */
    static List<String> scan(String instance, boolean attack, long start) {
        String eni = "eni-" + instance.substring(2);
        List<String> out = new ArrayList<>();
        for (int p = 1; p <= 1000; p++) {
            long t = start + p / 25;
            int port = attack ? p : 443;
            out.add("3 " + OTHER_ACCOUNT + " " + eni + " 10.40.1.7 45.33.32.156 " + (40_000 + p) + " " + port + " 6 1 44 "
                    + t + " " + (t + 1) + " ACCEPT OK " + instance);
        }
        return out;
    }

    static String id(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            b.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return b.toString();
    }
}
