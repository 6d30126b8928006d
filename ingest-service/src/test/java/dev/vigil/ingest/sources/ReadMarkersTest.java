package dev.vigil.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import dev.vigil.events.LogSourceRead;
import dev.vigil.events.LogSourceState;
import dev.vigil.events.LogSourceStatus;
import dev.vigil.events.UsageRecord;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The durable read ledger ({@link ObjectReads}) and the reader's skip on it, against S3Proxy and ElasticMQ run
 * in-process ({@link S3SqsServers}); Kafka is the in-memory connector, so the marker is written on its own
 * ({@code vigil.sources.transactional=false}: the transaction itself is checked on the real stack by e2e
 * {@code ObjectReadKillFaultIT}). Checks: an object read writes one marker keyed by source and object with the
 * record count; an object whose marker arrives from the topic (another replica, or this one before a restart) is
 * skipped with a reason and publishes no record and no usage; a marker of another tenant's source for the same object
 * does not stop this source from reading it; a marker whose key is not its own is ignored.
 */
@QuarkusTest
@QuarkusTestResource(value = S3SqsServers.class, restrictToAnnotatedClass = true)
class ReadMarkersTest {

    static final String A = S3SqsReaderTest.A;
    static final String BUCKET = "markers";
    static final String PREFIX = S3SqsReaderTest.PREFIX;
    static final String LINES = S3SqsReaderTest.HEADER + "\n" + S3SqsReaderTest.LINE + "\n" + S3SqsReaderTest.LINE_B + "\n";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    ObjectReads reads;

    @ConfigProperty(name = "vigil.sigv4.stack-key")
    String stackKey;

    final S3Client s3 = S3SqsServers.s3Client();
    final SqsClient sqs = S3SqsServers.sqsClient();

    @Test
    void anObjectIsReadOnceAndAnObjectWithAMarkerIsSkippedForItsSourceOnly() throws Exception {
        S3SqsServers.enableAccount(connector, A);
        s3.createBucket(b -> b.bucket(BUCKET));
        String queue = sqs.createQueue(r -> r.queueName("markers")).queueUrl();
        String first = PREFIX + A + "_vpcflowlogs_us-east-1_fl-1_20261205T1200Z_m1.log.gz";
        String second = PREFIX + A + "_vpcflowlogs_us-east-1_fl-1_20261205T1205Z_m2.log.gz";
        String etag1 = put(first);
        String etag2 = put(second);
        String id = "5ca1ab1e0000000000000000000000b1";
        String other = "5ca1ab1e0000000000000000000000b2";
        connector.sink("flow-logs-out").clear();
        connector.sink("usage-out").clear();
        connector.sink("log-source-reads-out").clear();

        // a marker whose key is not its own (a bad record) is ignored
        String submission1 = "s3:" + BUCKET + "/" + first + "#etag=" + etag1;
        marker("wrong key", new LogSourceRead(1, id, submission1, 2, System.currentTimeMillis()));
        // the second object was read before (a marker on the topic: another replica, or this one before a restart)
        String submission2 = "s3:" + BUCKET + "/" + second + "#etag=" + etag2;
        marker(LogSourceRead.key(id, submission2), new LogSourceRead(1, id, submission2, 2, System.currentTimeMillis()));
        await().atMost(Duration.ofSeconds(10)).until(() -> reads.done(id, submission2)); // applied in order
        assertThat(reads.done(id, submission1)).isFalse();
        assertThat(reads.done(other, submission2)).as("another source's marker").isFalse();

        source(id, queue);
        notify(queue, first, etag1);
        notify(queue, second, etag2);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> messagesLeft(queue) == 0 && status(id) != null
                    && status(id).objectsRead() == 1 && status(id).objectsSkipped() == 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("left " + messagesLeft(queue) + ", status " + status(id) + ", flows " + flows().size(), e);
        }
        assertThat(flows()).hasSize(2).allSatisfy(f -> assertThat(f.interfaceId()).isNotNull());
        assertThat(usage()).as("usage of the first object only").extracting(UsageRecord::events).containsExactly(1L, 1L);
        List<LogSourceRead> written = markers();
        assertThat(written).singleElement().satisfies(m -> {
            assertThat(m.logSourceId()).isEqualTo(id);
            assertThat(m.submissionId()).isEqualTo(submission1);
            assertThat(m.records()).isEqualTo(2);
            assertThat(m.key()).isEqualTo(id + " " + submission1);
        });
        assertThat(reads.done(id, submission1)).isTrue();

        // both objects notified again: nothing published, both skipped with the reason
        notify(queue, first, etag1);
        notify(queue, second, etag2);
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesLeft(queue) == 0 && status(id).objectsSkipped() == 3);
        assertThat(flows()).hasSize(2);
        assertThat(markers()).hasSize(1);

        // another tenant's source (account 111111111111 too, another source ID) reads the same objects: its own reads
        String queue2 = sqs.createQueue(r -> r.queueName("markers-other")).queueUrl();
        source(other, queue2);
        notify(queue2, second, etag2);
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesLeft(queue2) == 0 && status(other) != null
                && status(other).objectsRead() == 1);
        assertThat(flows()).hasSize(4);
        assertThat(markers()).extracting(LogSourceRead::logSourceId).containsExactly(id, other);
    }

    private String put(String key) throws Exception {
        return s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(S3NotificationTest.gzip(LINES)))
                .eTag().replace("\"", "");
    }

    private void notify(String queue, String key, String etag) {
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(S3SqsReaderTest.s3Event(BUCKET, key, etag)));
    }

    private void marker(String key, LogSourceRead r) {
        connector.source(ObjectReads.CHANNEL).send(Record.of(key, Json.write(r)));
    }

    private void source(String id, String queue) {
        String sealed = S3SqsServers.sealedKeys(stackKey, A, id);
        LogSourceState s = new LogSourceState(1, id, A, "us-east-1", "d" + A, "flow", "S3_SQS", "AUTO", "us-east-1", queue,
                BUCKET, "AWSLogs/", S3SqsServers.s3Endpoint, sealed, null, null, "ENABLED", 1, System.currentTimeMillis());
        connector.source("log-sources-in").send(Record.of(id, Json.write(s)));
    }

    private int messagesLeft(String queue) {
        var a = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private List<FlowLogRecord> flows() {
        InMemorySink<FlowLogRecord> sink = connector.sink("flow-logs-out");
        return sink.received().stream().map(Message::getPayload).toList();
    }

    private List<UsageRecord> usage() {
        InMemorySink<UsageRecord> sink = connector.sink("usage-out");
        return sink.received().stream().map(Message::getPayload).toList();
    }

    private List<LogSourceRead> markers() {
        InMemorySink<LogSourceRead> sink = connector.sink("log-source-reads-out");
        for (Message<LogSourceRead> m : sink.received()) {
            String key = m.getMetadata(OutgoingKafkaRecordMetadata.class).map(k -> (String) k.getKey()).orElse(null);
            assertThat(key).as("marker key").isEqualTo(m.getPayload().key());
        }
        return sink.received().stream().map(Message::getPayload).toList();
    }

    private LogSourceStatus status(String id) {
        InMemorySink<LogSourceStatus> sink = connector.sink("log-source-status-out");
        List<LogSourceStatus> l = sink.received().stream().map(Message::getPayload).filter(s -> s.logSourceId().equals(id)).toList();
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }
}
