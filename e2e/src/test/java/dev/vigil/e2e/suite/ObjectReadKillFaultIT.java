package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static dev.vigil.e2e.DemoIdentities.OTHER_ACCOUNT;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.e2e.LocalStack;
import dev.vigil.e2e.sources.S3Drop;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, "killing the reader mid-object loses nothing and double-counts nothing", on the real stack: a large gzip
 * flow-log object (a 1,000-port scan, then {@link #BENIGN} benign records) is put in the stack's S3 bucket with its SQS
 * notification; as soon as its first records reach Kafka (seen by a read_uncommitted consumer) ingest-service is killed
 * with SIGKILL, then started again by {@code ./vigil up}. The open transaction is aborted, the message reappears after
 * its visibility timeout and the object is read again. Asserted: the kill came before the commit (no committed read
 * marker then); read_committed consumers (the detector, accounts' usage) see each of the object's records exactly once
 * and its usage once, while read_uncommitted shows the aborted first attempt's records; the Portscan finding's count
 * equals that of the same scan in a small object read once. And a notification delivered twice counts once.
 * Tenant 333333333333 (admin-333), on a queue and source of its own.
 */
class ObjectReadKillFaultIT {

    /** Benign records after the scan: enough that the object takes seconds to publish. */
    private static final int BENIGN = 300_000;
    private static final int SCAN = 1000;
    /** The Portscan rule's window (detector.rules.portscan.window, default PT10M), seconds. */
    private static final long PORTSCAN_WINDOW_S = 600;

    private static S3Drop drop;
    private static String detector;
    private static String queueUrl;

    @BeforeAll
    static void source() {
        detector = ensureDetector(ADMIN_333);
        drop = LogSourcesIT.drop();
        queueUrl = drop.ensureQueue("vigil-it-kill-" + UUID.randomUUID());
        LogSourcesIT.createSource(detector, queueUrl);
    }

    @AfterAll
    static void close() {
        if (drop != null) {
            drop.close();
        }
    }

    @Test
    void ingestKilledMidObjectPublishesTheObjectOnceAndADuplicateNotificationCountsOnce() throws Exception {
        // the scan's 40 s inside one ten-minute Portscan window: a scan split across two tumbling windows counts only
        // the part whose window crossed the threshold (CI saw 999 when the last record fell into the next window)
        long start = Math.floorDiv(Instant.now().minusSeconds(900).getEpochSecond(), PORTSCAN_WINDOW_S) * PORTSCAN_WINDOW_S
                + 60;
        // control: the same scan (same event times) in a small object, read once
        String control = LogSourcesIT.id("i-");
        drop.put(LogSourcesIT.BUCKET, LogSourcesIT.key("control"), S3Drop.gzip(LogSourcesIT.HEADER + "\n"
                + String.join("\n", LogSourcesIT.scan(control, true, start)) + "\n"), queueUrl);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                .until(() -> LogSourcesIT.portscanCount(detector, control) > 0);

        String scanner = LogSourcesIT.id("i-");
        String benignEni = "eni-" + LogSourcesIT.id("b").substring(1);
        StringBuilder text = new StringBuilder(LogSourcesIT.HEADER).append('\n');
        LogSourcesIT.scan(scanner, true, start).forEach(l -> text.append(l).append('\n'));
        for (int i = 0; i < BENIGN; i++) {
            long t = start + i / 500;
            text.append("3 ").append(OTHER_ACCOUNT).append(' ').append(benignEni).append(" 10.40.2.").append(i % 250)
                    .append(" 10.40.3.9 ").append(30_000 + i % 20_000).append(" 443 6 3 180 ").append(t).append(' ')
                    .append(t + 1).append(" ACCEPT OK -\n");
        }
        byte[] object = S3Drop.gzip(text.toString());
        String key = LogSourcesIT.key("kill");
        String scanKey = OTHER_ACCOUNT + "/eni-" + scanner.substring(2);
        String benignKey = OTHER_ACCOUNT + "/" + benignEni;
        Map<TopicPartition, Long> flowsFrom = ends(Topics.FLOW_LOGS);
        Map<TopicPartition, Long> usageFrom = ends(Topics.USAGE);
        Map<TopicPartition, Long> readsFrom = ends(Topics.LOG_SOURCE_READS);

        String etag = drop.put(LogSourcesIT.BUCKET, key, object, queueUrl);
        long seen = awaitFirstRecords(flowsFrom, k -> k.equals(scanKey) || k.equals(benignKey));
        long killedAt = System.nanoTime();
        StackProcesses.kill("ingest");
        String submission = "s3:" + LogSourcesIT.BUCKET + "/" + key + "#etag=" + etag;
        assertThat(count(Topics.LOG_SOURCE_READS, readsFrom, "read_committed", k -> k.endsWith(" " + submission)))
                .as("a committed read marker of the object when ingest was killed (killed too late)").isZero();
        StackProcesses.up();
        long restarted = System.nanoTime();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3)).until(() ->
                count(Topics.LOG_SOURCE_READS, readsFrom, "read_committed", k -> k.endsWith(" " + submission)) == 1);
        double readAgain = (System.nanoTime() - restarted) / 1e9;
        assertThat(count(Topics.FLOW_LOGS, flowsFrom, "read_committed", k -> k.equals(scanKey)))
                .as("scan records visible to read_committed consumers").isEqualTo(SCAN);
        assertThat(count(Topics.FLOW_LOGS, flowsFrom, "read_committed", k -> k.equals(benignKey)))
                .as("benign records visible to read_committed consumers").isEqualTo(BENIGN);
        long uncommitted = count(Topics.FLOW_LOGS, flowsFrom, "read_uncommitted",
                k -> k.equals(scanKey) || k.equals(benignKey));
        assertThat(uncommitted).as("records written, the aborted first attempt's included")
                .isGreaterThan(SCAN + BENIGN);
        assertThat(usageEvents(usageFrom, "eni-" + scanner.substring(2))).as("usage events of the scan").isEqualTo(SCAN);
        assertThat(usageEvents(usageFrom, benignEni)).as("usage events of the benign records").isEqualTo(BENIGN);

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                .until(() -> LogSourcesIT.portscanCount(detector, scanner) > 0);
        Thread.sleep(LogSourcesIT.SETTLE.toMillis());
        int expected = LogSourcesIT.portscanCount(detector, control);
        assertThat(expected).as("the control's Portscan count: each of its scan records once").isEqualTo(SCAN);
        assertThat(LogSourcesIT.portscanCount(detector, scanner)).as("the Portscan count of the object read after the kill")
                .isEqualTo(expected);

        // the same object's notification delivered twice more: both skipped, nothing published
        drop.notify(queueUrl, LogSourcesIT.BUCKET, key, object.length, etag);
        drop.notify(queueUrl, LogSourcesIT.BUCKET, key, object.length, etag);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> drop.pending(queueUrl) == 0);
        // a new small object notified twice at once
        String twice = LogSourcesIT.id("i-");
        String twiceKey = LogSourcesIT.key("twice");
        byte[] small = S3Drop.gzip(LogSourcesIT.HEADER + "\n" + String.join("\n", LogSourcesIT.scan(twice, true, start)) + "\n");
        String twiceEtag = drop.put(LogSourcesIT.BUCKET, twiceKey, small, queueUrl);
        drop.notify(queueUrl, LogSourcesIT.BUCKET, twiceKey, small.length, twiceEtag);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> drop.pending(queueUrl) == 0);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                .until(() -> LogSourcesIT.portscanCount(detector, twice) > 0);
        Thread.sleep(LogSourcesIT.SETTLE.toMillis());
        assertThat(count(Topics.FLOW_LOGS, flowsFrom, "read_committed", k -> k.equals(scanKey) || k.equals(benignKey)))
                .as("the killed object's records after two more notifications").isEqualTo(SCAN + BENIGN);
        assertThat(count(Topics.FLOW_LOGS, flowsFrom, "read_committed", k -> k.equals(OTHER_ACCOUNT + "/eni-"
                + twice.substring(2)))).as("records of the object notified twice").isEqualTo(SCAN);
        assertThat(LogSourcesIT.portscanCount(detector, twice)).as("the Portscan count of the object notified twice")
                .isEqualTo(expected);
        assertThat(LogSourcesIT.portscanCount(detector, scanner)).isEqualTo(expected);
        System.out.printf(Locale.ROOT, "RELIABILITY | ingest-service killed (SIGKILL) mid-object while reading a gzip"
                + " flow-log object of %d records (%d KB) from S3 + SQS, %.1f s after its first records reached Kafka;"
                + " restarted by ./vigil up | records lost 0, counted twice 0 (%d written, %d aborted) | Portscan count %d"
                + " = control; usage once | object read again and committed %.0f s after the restart (visibility"
                + " timeout) |%n", SCAN + BENIGN, object.length / 1024, (killedAt - seen) / 1e9, uncommitted,
                uncommitted - SCAN - BENIGN, expected, readAgain);
    }

    private static KafkaConsumer<String, String> consumer(String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LocalStack.port("kafka"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> c, String topic) {
        return c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The end offsets of {@code topic} now (read_uncommitted: the high watermark). */
    private static Map<TopicPartition, Long> ends(String topic) {
        try (KafkaConsumer<String, String> c = consumer("read_uncommitted")) {
            return new HashMap<>(c.endOffsets(partitions(c, topic)));
        }
    }

    /** Waits until a record whose key matches appears (read_uncommitted); returns System.nanoTime() then. */
    private static long awaitFirstRecords(Map<TopicPartition, Long> from, Predicate<String> key) {
        try (KafkaConsumer<String, String> c = consumer("read_uncommitted")) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(50))) {
                    if (r.key() != null && key.test(r.key())) {
                        return System.nanoTime();
                    }
                }
            }
        }
        throw new AssertionError("no record of the object reached Kafka within 3 minutes");
    }

    /** Records from {@code from} to the current end (read_committed: the last stable offset) whose key matches. */
    private static long count(String topic, Map<TopicPartition, Long> from, String isolation, Predicate<String> key) {
        return records(topic, from, isolation).stream().filter(r -> r.key() != null && key.test(r.key())).count();
    }

    private static List<ConsumerRecord<String, String>> records(String topic, Map<TopicPartition, Long> from,
            String isolation) {
        try (KafkaConsumer<String, String> c = consumer(isolation)) {
            List<TopicPartition> parts = partitions(c, topic);
            c.assign(parts);
            parts.forEach(tp -> c.seek(tp, from.getOrDefault(tp, 0L)));
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, String>> out = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            return out;
        }
    }

    /** The events of the committed usage records of resource {@code resource} since {@code from}. */
    private static long usageEvents(Map<TopicPartition, Long> from, String resource) {
        return records(Topics.USAGE, from, "read_committed").stream()
                .map(r -> Json.read(r.value(), UsageRecord.class)).filter(u -> resource.equals(u.resourceId()))
                .mapToLong(UsageRecord::events).sum();
    }
}
