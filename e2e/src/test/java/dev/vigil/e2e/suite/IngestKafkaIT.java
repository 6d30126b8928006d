package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static dev.vigil.e2e.DemoIdentities.COLLECTOR;
import static dev.vigil.e2e.DemoIdentities.OTHER_ACCOUNT;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.Stack.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.e2e.LocalStack;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a 200 from ingest-service promises, read back from the real broker: every accepted flow record is already in
 * {@code vigil.flow-logs.v1} when the answer arrives (the producer's acknowledgement, {@code acks=all}), once, keyed
 * {@code accountId/interface-id}, with the log's own time as the Kafka timestamp; a rejected line is not there.
 */
class IngestKafkaIT {

    private static final String TOPIC = "vigil.flow-logs.v1";
    private static final int LINES = 2_000;

    @BeforeAll
    static void detector() {
        ensureDetector(ADMIN_333);
        // ingest-service learns of the detector from vigil.accounts.state.v1: wait until a probe record is accepted
        String probe = "2 " + OTHER_ACCOUNT + " eni-00000000000000000 10.0.0.1 203.0.113.9 1 443 6 1 40 "
                + (Instant.now().getEpochSecond() - 60) + " " + (Instant.now().getEpochSecond() - 59) + " ACCEPT OK\n";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                as(COLLECTOR, "ingest").body(probe).post("/ingest/v1/flow-logs?region=us-east-1").then()
                        .statusCode(200).extract().<Integer>path("accepted") == 1);
    }

    @Test
    void a200MeansEveryAcceptedRecordIsInKafkaWithItsKeyAndEventTime() {
        String eni = "eni-%017x".formatted(ThreadLocalRandom.current().nextLong(1L << 60));
        long start = Instant.now().minusSeconds(1800).getEpochSecond();
        StringBuilder body = new StringBuilder();
        Map<Integer, Long> endBySrcPort = new HashMap<>();
        for (int i = 0; i < LINES; i++) {
            int srcport = 10_000 + i;
            long end = start + 60 + i % 600;
            endBySrcPort.put(srcport, end);
            body.append("2 ").append(OTHER_ACCOUNT).append(' ').append(eni).append(" 10.0.").append(i % 250).append(".7 ")
                    .append("203.0.113.9 ").append(srcport).append(" 443 6 3 180 ").append(start).append(' ')
                    .append(end).append(" ACCEPT OK\n");
            if (i == 700) {
                body.append("2 ").append(OTHER_ACCOUNT).append(' ').append(eni).append(" 10.0.0.300 203.0.113.9 9 443 6 3 ")
                        .append("180 ").append(start).append(' ').append(end).append(" ACCEPT OK\n");
            }
        }

        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            Map<TopicPartition, Long> before = new HashMap<>();
            partitions.forEach(tp -> before.put(tp, consumer.position(tp))); // the end offsets before the request

            as(COLLECTOR, "ingest").body(body.toString()).post("/ingest/v1/flow-logs?region=us-east-1").then()
                    .statusCode(200).body("accepted", equalTo(LINES)).body("rejected", equalTo(1))
                    .body("errors[0].line", equalTo(702));

            // the answer came after the broker's acknowledgement (acks=all): the records are already below the
            // partitions' high watermark, i.e. readable, the moment the answer arrives
            Map<TopicPartition, Long> after = consumer.endOffsets(partitions);
            long appended = partitions.stream().mapToLong(tp -> after.get(tp) - before.get(tp)).sum();
            assertThat(appended).as("records readable when the 200 arrived").isGreaterThanOrEqualTo(LINES);
            // and they are ours: read them (the deadline only bounds the reads)
            List<ConsumerRecord<String, String>> ours = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ours.size() < LINES && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().endsWith("/" + eni)) {
                        ours.add(r);
                    }
                }
            }
            assertThat(ours).hasSize(LINES);
            Set<String> eventIds = new HashSet<>();
            Set<Integer> ports = new HashSet<>();
            for (ConsumerRecord<String, String> r : ours) {
                FlowLogRecord f = Json.read(r.value(), FlowLogRecord.class);
                assertThat(r.key()).isEqualTo(OTHER_ACCOUNT + "/" + eni);
                assertThat(f.accountId()).isEqualTo(OTHER_ACCOUNT);
                assertThat(f.srcaddr()).doesNotContain("300");
                assertThat(r.timestamp()).isEqualTo(endBySrcPort.get(f.srcport()) * 1000L);
                eventIds.add(f.eventId());
                ports.add(f.srcport());
            }
            assertThat(eventIds).hasSize(LINES);
            assertThat(ports).isEqualTo(endBySrcPort.keySet());
            // one resource's records share a key, hence a partition, in the order of the file
            assertThat(ours.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
            assertThat(ours.stream().map(r -> Json.read(r.value(), FlowLogRecord.class).srcport()).toList())
                    .isSorted();
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LocalStack.port("kafka"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
