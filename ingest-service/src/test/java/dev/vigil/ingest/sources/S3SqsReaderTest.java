package dev.vigil.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import dev.vigil.events.LogSourceStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The S3 + SQS reader against real servers run in-process ({@link S3SqsServers}: S3Proxy and ElasticMQ, over HTTP
 * with the AWS SDK); Kafka is the in-memory connector, the source arrives as it would from
 * {@code vigil.log-sources.v1} with credentials sealed by the test stack key. Checks: records of a gzip flow-log
 * object published, the message deleted after that, notifications in all three shapes, digests skipped, a truncated
 * gzip and a message that is no notification recorded with the object, a duplicate notification giving the same event
 * IDs (so counted once downstream), and a message that keeps failing counted as dead-lettered and deleted.
 */
@QuarkusTest
@QuarkusTestResource(value = S3SqsServers.class, restrictToAnnotatedClass = true)
class S3SqsReaderTest {

    static final String A = "111111111111";
    static final String BUCKET = "flow-logs";
    static final String PREFIX = "AWSLogs/" + A + "/vpcflowlogs/us-east-1/2026/12/05/";
    static final String HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    static final String LINE = "2 111111111111 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1796000000 1796000060 ACCEPT OK";
    static final String LINE_B = "2 111111111111 eni-0aaaaaaaaaaaaaaaa 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1796000000 1796000065 REJECT OK";
    static final String LINE_OTHER = LINE.replace("111111111111", "333333333333");

    @Inject
    @Any
    InMemoryConnector connector;

    @ConfigProperty(name = "vigil.sigv4.stack-key")
    String stackKey;

    S3Client s3;
    SqsClient sqs;
    String queueUrl;

    @BeforeEach
    void setUp() {
        s3 = S3SqsServers.s3Client();
        sqs = S3SqsServers.sqsClient();
        S3SqsServers.enableAccount(connector, A);
    }

    void source(String id, String queue, long version) {
        source(id, queue, version, BUCKET, "AWSLogs/");
    }

    void source(String id, String queue, long version, String bucket, String prefix) {
        String sealed = S3SqsServers.sealedKeys(stackKey, A, id);
        LogSourceState s = new LogSourceState(1, id, A, "us-east-1", "d" + A, "flow", "S3_SQS", "AUTO", "us-east-1", queue,
                bucket, prefix, S3SqsServers.s3Endpoint, sealed, null, null, "ENABLED", version, System.currentTimeMillis());
        connector.source("log-sources-in").send(Record.of(id, Json.write(s)));
    }

    static String s3Event(String bucket, String key, String etag) {
        return Json.write(Map.of("Records", List.of(Map.of("eventVersion", "2.1", "eventSource", "aws:s3",
                "awsRegion", "us-east-1", "eventName", "ObjectCreated:Put", "s3", Map.of("bucket", Map.of("name", bucket),
                        "object", Map.of("key", key.replace(" ", "+"), "size", 100, "eTag", etag))))));
    }

    int messagesLeft() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    List<FlowLogRecord> flows() {
        InMemorySink<FlowLogRecord> sink = connector.sink("flow-logs-out");
        return sink.received().stream().map(Message::getPayload).toList();
    }

    LogSourceStatus lastStatus(String id) {
        InMemorySink<LogSourceStatus> sink = connector.sink("log-source-status-out");
        List<LogSourceStatus> l = sink.received().stream().map(Message::getPayload).filter(s -> s.logSourceId().equals(id)).toList();
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }

    @Test
    void readsGzipFlowLogsInEveryNotificationShapeAndRecordsWhatItCannotRead() throws Exception {
        connector.sink("flow-logs-out").clear();
        s3.createBucket(b -> b.bucket(BUCKET));
        queueUrl = sqs.createQueue(r -> r.queueName("flow-notifications")).queueUrl();
        String key = PREFIX + "111111111111_vpcflowlogs_us-east-1_fl-1_20261205T1200Z_a b.log.gz";
        byte[] gz = S3NotificationTest.gzip(HEADER + "\n" + LINE + "\n" + LINE_B + "\n" + LINE_OTHER + "\n");
        String etag = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(gz)).eTag().replace("\"", "");
        String digest = "AWSLogs/" + A + "/CloudTrail-Digest/us-east-1/2026/12/05/d.json.gz";
        s3.putObject(b -> b.bucket(BUCKET).key(digest), RequestBody.fromBytes(gz));
        String broken = PREFIX + "broken.log.gz";
        s3.putObject(b -> b.bucket(BUCKET).key(broken), RequestBody.fromBytes(Arrays.copyOf(gz, gz.length / 2)));

        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"flow-logs\"}"));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(s3Event(BUCKET, key, etag)));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(Map.of("Type", "Notification", "Message",
                s3Event(BUCKET, digest, "x")))));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.write(Map.of("version", "0", "detail-type", "Object Created",
                "source", "aws.s3", "detail", Map.of("bucket", Map.of("name", BUCKET), "object", Map.of("key", broken, "size", 10))))));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("not a notification"));
        String id = "5ca1ab1e0000000000000000000000a1";
        source(id, queueUrl, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> flows().size() == 2 && messagesLeft() == 0);
        assertThat(flows()).extracting(FlowLogRecord::accountId).containsOnly(A);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            LogSourceStatus s = lastStatus(id);
            return s != null && s.objectsRead() == 1 && s.objectsSkipped() == 1 && s.errors().size() >= 4;
        });
        LogSourceStatus s = lastStatus(id);
        assertThat(s.recordsRead()).isEqualTo(2);
        assertThat(s.lastObject()).isEqualTo("s3://" + BUCKET + "/" + key);
        assertThat(s.errors()).anySatisfy(e -> {
            assertThat(e.object()).isEqualTo("s3://" + BUCKET + "/" + key);
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.reason()).contains("333333333333");
        });
        assertThat(s.errors()).anySatisfy(e -> assertThat(e.object() + " " + e.reason()).contains(broken).contains("truncated"));
        assertThat(s.errors()).anySatisfy(e -> assertThat(e.object() + " " + e.reason()).contains(digest).contains("digest"));
        assertThat(s.errors()).anySatisfy(e -> assertThat(e.reason()).isEqualTo("the message is not JSON"));

        // the same object notified again (a duplicate notification): skipped, nothing published again
        Set<String> first = flows().stream().map(FlowLogRecord::eventId).collect(Collectors.toSet());
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(s3Event(BUCKET, key, etag)));
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesLeft() == 0 && lastStatus(id).objectsSkipped() == 2);
        assertThat(flows()).hasSize(2);
        assertThat(flows().stream().map(FlowLogRecord::eventId).collect(Collectors.toSet())).isEqualTo(first);

        // a replica that received the notification and died before finishing (never deleted it): after the visibility
        // timeout the message reappears, the running reader reads the object, and nothing is lost or counted twice
        String key2 = PREFIX + "111111111111_vpcflowlogs_us-east-1_fl-1_20261205T1205Z_c.log.gz";
        String etag2 = s3.putObject(b -> b.bucket(BUCKET).key(key2), RequestBody.fromBytes(S3NotificationTest.gzip(HEADER + "\n"
                + LINE.replace("1796000060", "1796000360") + "\n"))).eTag().replace("\"", "");
        connector.sink("flow-logs-out").clear();
        // this test's client plays the dying replica: it takes the message on a queue no reader reads yet
        String q2 = sqs.createQueue(r -> r.queueName("flow-notifications-2")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(q2).messageBody(s3Event(BUCKET, key2, etag2)));
        var taken = sqs.receiveMessage(r -> r.queueUrl(q2).visibilityTimeout(3).maxNumberOfMessages(1)).messages();
        assertThat(taken).hasSize(1);
        source(id, q2, 3, BUCKET, "AWSLogs/"); // the source now reads that queue
        await().atMost(Duration.ofSeconds(30)).until(() -> flows().size() == 1);
        queueUrl = q2;
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesLeft() == 0);
        Thread.sleep(5000); // nothing more comes: the object was read once
        assertThat(flows()).hasSize(1);
        source(id, q2, 4, null, null);
        Thread.sleep(2000);

        // an object in a bucket that does not exist fails on every receive: dead-lettered after max-attempts (2)
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(s3Event("no-such-bucket", "AWSLogs/x.log.gz", "e")));
        try {
            await().atMost(Duration.ofSeconds(40)).until(() -> messagesLeft() == 0 && lastStatus(id).deadLettered() == 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not dead-lettered: " + messagesLeft() + " message(s) left, status " + lastStatus(id), e);
        }
        assertThat(lastStatus(id).errors().get(0).reason()).startsWith("given up after 2 attempts");
    }
}
