package dev.vigil.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import dev.vigil.events.LogSourceCheckpoint;
import dev.vigil.events.LogSourceState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 polling for backfill (issue 15 item 3) against the in-process S3Proxy ({@link S3SqsServers}) with the AWS SDK;
 * Kafka is the in-memory connector, so the checkpoint topic is played by hand: what the reader writes is read from
 * the outgoing sink, and what a restarted process would read back is sent on the incoming channel. Checks: AWS's key
 * layout walked over two regions and several days, objects read in time order (not key order) from the start time,
 * a checkpoint after each object, a restarted reader resuming after its checkpoint without reading anything again,
 * a reader honouring a checkpoint it only read from the topic, and an {@code S3_SQS} source with a start time reading
 * its bucket before its queue (objects notified again counting once).
 */
@QuarkusTest
@QuarkusTestResource(value = S3SqsServers.class, restrictToAnnotatedClass = true)
class S3BackfillTest {

    static final String A = "111111111111";
    static final String BUCKET = "backfill-logs";
    static final String HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/").withZone(ZoneOffset.UTC);

    @Inject
    @Any
    InMemoryConnector connector;

    @ConfigProperty(name = "vigil.sigv4.stack-key")
    String stackKey;

    final S3Client s3 = S3SqsServers.s3Client();
    final Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** Puts a gzip flow log object of {@code region} and flow log {@code flowLogId} at {@code time} with one record to {@code port}. */
    String put(String region, String flowLogId, Instant time, int port) throws Exception {
        return put("", region, flowLogId, time, port);
    }

    String put(String top, String region, String flowLogId, Instant time, int port) throws Exception {
        String key = top + "AWSLogs/" + A + "/vpcflowlogs/" + region + "/" + DAY_PATH.format(time) + A + "_vpcflowlogs_"
                + region + "_" + flowLogId + "_" + NAME_TIME.format(time) + "_0f1e2d3c.log.gz";
        String line = "2 " + A + " eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 " + port + " 6 20 4249 "
                + time.getEpochSecond() + " " + (time.getEpochSecond() + 60) + " ACCEPT OK";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(S3NotificationTest.gzip(HEADER + "\n" + line + "\n")));
        return key;
    }

    void source(String id, long version, String status, Instant start) {
        source(id, version, status, start, "S3_POLL", null, "AWSLogs/");
    }

    void source(String id, long version, String status, Instant start, String kind, String queueUrl, String prefix) {
        LogSourceState s = new LogSourceState(1, id, A, "us-east-1", "d" + A, "backfill", kind, "AUTO", "us-east-1",
                queueUrl, BUCKET, prefix, S3SqsServers.s3Endpoint, S3SqsServers.sealedKeys(stackKey, A, id), null,
                start.toEpochMilli(), status, version, System.currentTimeMillis());
        connector.source(LogSourceDirectory.CHANNEL).send(Record.of(id, Json.write(s)));
    }

    List<Integer> ports() {
        InMemorySink<FlowLogRecord> sink = connector.sink("flow-logs-out");
        return sink.received().stream().map(m -> m.getPayload().dstport()).toList();
    }

    List<LogSourceCheckpoint> checkpoints(String id) {
        InMemorySink<LogSourceCheckpoint> sink = connector.sink("log-source-checkpoints-out");
        return sink.received().stream().map(Message::getPayload).filter(c -> c.logSourceId().equals(id)).toList();
    }

    void clear() {
        connector.sink("flow-logs-out").clear();
    }

    @Test
    void readsAWeekInTimeOrderFromTheStartAndResumesAfterItsCheckpoint() throws Exception {
        S3SqsServers.enableAccount(connector, A);
        s3.createBucket(b -> b.bucket(BUCKET));
        Instant start = today.minus(Duration.ofDays(6)).plus(Duration.ofHours(12));
        put("us-east-1", "fl-a", today.minus(Duration.ofDays(6)).plus(Duration.ofHours(6)), 1001); // before the start
        put("us-east-1", "fl-a", today.minus(Duration.ofDays(6)).plus(Duration.ofHours(18)), 1002);
        // same day: key order (fl-a first) is not time order (fl-b at 01:00 first)
        put("us-east-1", "fl-a", today.minus(Duration.ofDays(3)).plus(Duration.ofHours(2)), 1004);
        put("us-east-1", "fl-b", today.minus(Duration.ofDays(3)).plus(Duration.ofHours(1)), 1003);
        String last = put("eu-west-1", "fl-c", today.minus(Duration.ofDays(1)).plus(Duration.ofHours(10)), 1005);
        s3.putObject(b -> b.bucket(BUCKET).key("AWSLogs/" + A + "/CloudTrail-Digest/us-east-1/2026/12/01/d.json.gz"),
                RequestBody.fromString("{}"));
        String id = "ba0cf111000000000000000000000001";
        clear();
        source(id, 1, "ENABLED", start);

        await().atMost(Duration.ofSeconds(30)).until(() -> ports().size() >= 4);
        assertThat(ports()).containsExactly(1002, 1003, 1004, 1005);
        await().atMost(Duration.ofSeconds(10)).until(() -> !checkpoints(id).isEmpty()
                && checkpoints(id).get(checkpoints(id).size() - 1).lastKey().equals(last));
        assertThat(checkpoints(id)).hasSize(4).allMatch(c -> c.startTime() == start.toEpochMilli());

        // a restart: the reader stops, an object arrives, a new reader resumes after the checkpoint
        source(id, 2, "DISABLED", start);
        Thread.sleep(1500);
        clear();
        put("us-east-1", "fl-a", Instant.now().minus(Duration.ofMinutes(5)), 1006);
        source(id, 3, "ENABLED", start);
        await().atMost(Duration.ofSeconds(30)).until(() -> ports().contains(1006));
        Thread.sleep(2500); // polls again every second: nothing read before comes back
        assertThat(ports()).containsExactly(1006);
        source(id, 4, "DISABLED", start);

        // another process: only the checkpoint read from the topic tells where to resume
        String other = "ba0cf111000000000000000000000002";
        LogSourceCheckpoint cp = checkpoints(id).get(2); // after 1004
        connector.source(BackfillCheckpoints.CHANNEL).send(Record.of(other, Json.write(new LogSourceCheckpoint(
                LogSourceCheckpoint.SCHEMA_VERSION, other, A, start.toEpochMilli(), cp.lastTime(), cp.lastKey(),
                System.currentTimeMillis(), null))));
        Thread.sleep(1500);
        clear();
        source(other, 1, "ENABLED", start);
        await().atMost(Duration.ofSeconds(30)).until(() -> ports().size() >= 2);
        Thread.sleep(1500);
        assertThat(ports()).containsExactly(1005, 1006);
        source(other, 2, "DISABLED", start);
    }

    @Test
    void anObjectThatAppearsLateUnderADayAlreadyListedIsReadOnce() throws Exception {
        S3SqsServers.enableAccount(connector, A);
        s3.createBucket(b -> b.bucket(BUCKET + "-late"));
        Instant base = Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String id = "ba0cf111000000000000000000000005";
        String bucket = BUCKET + "-late";
        putIn(bucket, "fl-a", base, 3001);
        putIn(bucket, "fl-a", base.plus(Duration.ofMinutes(20)), 3003);
        clear();
        sourceIn(bucket, id, 1, base.minus(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> ports().size() >= 2);
        // flow log fl-b's object of 10 minutes after base arrives after fl-a's of 20 minutes after: before the
        // checkpoint, but within the re-list window, and its key was never read
        putIn(bucket, "fl-b", base.plus(Duration.ofMinutes(10)), 3002);
        await().atMost(Duration.ofSeconds(30)).until(() -> ports().contains(3002));
        Thread.sleep(2500); // polls every second: nothing is read again
        assertThat(ports()).containsExactly(3001, 3003, 3002);
        LogSourceCheckpoint last = checkpoints(id).get(checkpoints(id).size() - 1);
        assertThat(last.lastKey()).contains("fl-a").contains(NAME_TIME.format(base.plus(Duration.ofMinutes(20))));
        assertThat(last.recentKeys()).hasSize(3);
        sourceIn(bucket, id, 2, base.minus(Duration.ofMinutes(5)), "DISABLED");
    }

    void putIn(String bucket, String flowLogId, Instant time, int port) throws Exception {
        String key = "AWSLogs/" + A + "/vpcflowlogs/us-east-1/" + DAY_PATH.format(time) + A + "_vpcflowlogs_us-east-1_"
                + flowLogId + "_" + NAME_TIME.format(time) + "_0f1e2d3c.log.gz";
        String line = "2 " + A + " eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 " + port + " 6 20 4249 "
                + time.getEpochSecond() + " " + (time.getEpochSecond() + 60) + " ACCEPT OK";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(S3NotificationTest.gzip(HEADER + "\n" + line + "\n")));
    }

    void sourceIn(String bucket, String id, long version, Instant start, String... status) {
        LogSourceState s = new LogSourceState(1, id, A, "us-east-1", "d" + A, "late", "S3_POLL", "FLOW", "us-east-1",
                null, bucket, "AWSLogs/", S3SqsServers.s3Endpoint, S3SqsServers.sealedKeys(stackKey, A, id), null,
                start.toEpochMilli(), status.length > 0 ? status[0] : "ENABLED", version, System.currentTimeMillis());
        connector.source(LogSourceDirectory.CHANNEL).send(Record.of(id, Json.write(s)));
    }

    @Test
    void anS3SqsSourceWithAStartTimeReadsTheBucketFirstThenFollowsItsQueue() throws Exception {
        S3SqsServers.enableAccount(connector, A);
        if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        SqsClient sqs = S3SqsServers.sqsClient();
        String queue = sqs.createQueue(r -> r.queueName("backfill-then-queue")).queueUrl();
        String old = put("sqs/", "us-east-1", "fl-q", today.minus(Duration.ofDays(2)).plus(Duration.ofHours(10)), 2001);
        String fresh = put("sqs/", "us-east-1", "fl-q", Instant.now().minus(Duration.ofMinutes(2)), 2002);
        // the queue names the new object and, once more, the old one: read again, it keeps its event IDs
        for (String key : List.of(fresh, old)) {
            String etag = s3.headObject(b -> b.bucket(BUCKET).key(key)).eTag().replace("\"", "");
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(S3SqsReaderTest.s3Event(BUCKET, key, etag)));
        }
        clear();
        String id = "ba0cf111000000000000000000000003";
        source(id, 1, "ENABLED", today.minus(Duration.ofDays(3)), "S3_SQS", queue, "sqs/");

        await().atMost(Duration.ofSeconds(30)).until(() -> ports().size() >= 2
                && sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("All")).attributes()
                        .get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).equals("0"));
        Thread.sleep(3000); // the notifications of both objects are worked on by now
        assertThat(ports()).as("the bucket first, in time order; the notified objects read once").containsExactly(2001, 2002);
        source(id, 2, "DISABLED", today);
    }

    @Test
    void theTimeOfAnObjectIsTheTimeInItsNameElseItsLastModifiedTime() {
        Instant modified = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(S3Backfill.timeOf("AWSLogs/1/CloudTrail/us-east-1/2026/12/05/1_CloudTrail_us-east-1_20261205T0130Z_x.json.gz",
                modified)).isEqualTo(Instant.parse("2026-12-05T01:30:00Z").toEpochMilli());
        assertThat(S3Backfill.timeOf("logs/other.log", modified)).isEqualTo(modified.toEpochMilli());
    }
}
