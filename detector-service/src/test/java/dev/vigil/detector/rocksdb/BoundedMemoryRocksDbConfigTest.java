package dev.vigil.detector.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * RocksDB window stores opened through {@link BoundedMemoryRocksDbConfig} work as before and charge their memtables
 * and blocks to the one shared cache, whose usage stays within the configured bound.
 */
class BoundedMemoryRocksDbConfigTest {

    @Test
    void windowStoresOfSeveralSegmentsShareOneBoundedCache() throws Exception {
        Path state = Files.createTempDirectory("rocksdb-bounded");
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(10))).count(
                        Materialized.<String, Long>as(Stores.persistentTimestampedWindowStore("counts",
                                Duration.ofHours(24), Duration.ofMinutes(10), false))
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-rocksdb-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), p)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            for (int i = 0; i < 1_500; i++) { // 150 keys over 20 hours: several segments of the window store
                in.pipeInput("eni-" + (i % 150), "x", t0.plusSeconds(i * 48L));
            }
            ReadOnlyWindowStore<String, Long> counts = driver.getWindowStore("counts");
            assertThat(counts.fetch("eni-7", t0.toEpochMilli())).isEqualTo(1L);
            assertThat(counts.fetch("eni-7", t0.plusSeconds(48L * 1_357).toEpochMilli() / 600_000 * 600_000))
                    .isEqualTo(1L);
            assertThat(BoundedMemoryRocksDbConfig.usageBytes()).isPositive()
                    .isLessThanOrEqualTo(BoundedMemoryRocksDbConfig.offHeapBytes());
        }
    }
}
