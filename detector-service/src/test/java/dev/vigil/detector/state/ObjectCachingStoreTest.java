package dev.vigil.detector.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * {@link ObjectCachingStore} on Kafka Streams' real RocksDB store and changelog ({@link TopologyTestDriver}, which
 * commits, and so flushes the stores, after every input record): a counter per key read, changed and put back per
 * record, whose changelog and store must hold every count.
 */
class ObjectCachingStoreTest {

    /** Value: a mutable counter, changed in place as the profile and window processors change theirs. */
    public static final class Counter {
        public long n;
    }

    /** Counts records per key; on input value "scan" forwards the store's whole content instead. */
    static final class Counting implements Processor<String, String, String, String> {
        private KeyValueStore<String, Counter> store;
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore("counts");
        }

        @Override
        public void process(Record<String, String> r) {
            if ("scan".equals(r.value())) {
                try (KeyValueIterator<String, Counter> it = store.all()) {
                    it.forEachRemaining(kv -> context.forward(r.withKey(kv.key).withValue(Long.toString(kv.value.n))));
                }
                return;
            }
            Counter c = store.get(r.key());
            c = c == null ? new Counter() : c;
            c.n++;
            store.put(r.key(), c);
            context.forward(r.withValue(Long.toString(c.n)));
        }
    }

    private static TopologyTestDriver driver(int maxEntries, Path dir) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(ObjectCachingStoreBuilder.persistent("counts",
                new dev.vigil.events.JsonSerde<>(Counter.class), maxEntries));
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(Counting::new, "counts")
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "object-cache-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        return new TopologyTestDriver(b.build(), p);
    }

    @Test
    void everyChangeReachesTheChangelogAndTheStoreOnCommit() throws Exception {
        Path dir = Files.createTempDirectory("object-cache");
        try (TopologyTestDriver d = driver(100, dir)) {
            TestInputTopic<String, String> in = d.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<String, String> changelog = d.createOutputTopic("object-cache-test-counts-changelog",
                    Serdes.String().deserializer(), Serdes.String().deserializer());
            for (int i = 0; i < 3; i++) {
                in.pipeInput("a", "x");
            }
            in.pipeInput("b", "x");
            assertThat(changelog.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value)
                    .containsExactly("a={\"n\":1}", "a={\"n\":2}", "a={\"n\":3}", "b={\"n\":1}");
            KeyValueStore<String, Counter> store = d.getKeyValueStore("counts");
            assertThat(store.get("a").n).isEqualTo(3);
            assertThat(store.get("b").n).isEqualTo(1);
        }
    }

    @Test
    void evictedEntriesAreWrittenAndReadBackAndScansSeeEveryValue() throws Exception {
        Path dir = Files.createTempDirectory("object-cache");
        try (TopologyTestDriver d = driver(2, dir)) {
            TestInputTopic<String, String> in = d.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", Serdes.String().deserializer(),
                    Serdes.String().deserializer());
            List<String> keys = List.of("a", "b", "c", "d", "a", "b", "c", "d", "a");
            keys.forEach(k -> in.pipeInput(k, "x"));
            List<String> counts = new ArrayList<>();
            out.readKeyValuesToList().forEach(kv -> counts.add(kv.key + kv.value));
            assertThat(counts).containsExactly("a1", "b1", "c1", "d1", "a2", "b2", "c2", "d2", "a3");
            in.pipeInput("any", "scan");
            assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key + kv.value)
                    .containsExactlyInAnyOrder("a3", "b2", "c2", "d2");
        }
    }

    @Test
    void deletesReachTheInnerStore() throws Exception {
        Path dir = Files.createTempDirectory("object-cache");
        try (TopologyTestDriver d = driver(10, dir)) {
            d.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer()).pipeInput("a", "x");
            KeyValueStore<String, Counter> store = d.getKeyValueStore("counts");
            store.delete("a");
            assertThat(store.get("a")).isNull();
            store.putAll(List.of(KeyValue.pair("z", new Counter())));
            assertThat(store.get("z")).isNotNull();
        }
    }

    @Test
    void anAbsentKeyIsReadFromTheInnerStoreOnceUntilItIsPutOrDeleted() {
        KeyValueStore<String, Counter> inner = innerStore();
        ObjectCachingStore<Counter> store = new ObjectCachingStore<>(inner, 10);
        assertThat(store.get("a")).isNull();
        Counter behind = new Counter();
        behind.n = 7;
        inner.put("a", behind); // behind the cache's back: the cached absence answers
        assertThat(store.get("a")).isNull();
        Counter one = new Counter();
        one.n = 1;
        store.put("a", one);
        assertThat(store.get("a").n).isEqualTo(1);
        store.flush();
        assertThat(inner.get("a").n).isEqualTo(1);
        store.delete("a");
        assertThat(inner.get("a")).isNull();
        inner.put("a", behind);
        assertThat(store.get("a")).isNull();
        store.close();
    }

    /**
     * A task's commit calls only {@code flushCache} on its stores (Kafka Streams' {@code StreamTask.prepareCommit},
     * for stores that are a {@code CachedStateStore}); {@code TopologyTestDriver} also flushes after every record,
     * so the tests above cannot tell the two apart, and this one calls the commit's method alone.
     */
    @Test
    void aCommitsFlushCacheWritesTheDirtyValuesAndAClosedDirtyTaskDropsThem() {
        KeyValueStore<String, Counter> inner = innerStore();
        ObjectCachingStore<Counter> store = new ObjectCachingStore<>(inner, 10);
        assertThat(store).isInstanceOf(org.apache.kafka.streams.state.internals.CachedStateStore.class);
        Counter one = new Counter();
        one.n = 1;
        store.put("a", one);
        assertThat(inner.get("a")).isNull();
        store.flushCache();
        assertThat(inner.get("a").n).isEqualTo(1);
        Counter two = new Counter();
        two.n = 2;
        store.put("a", two);
        store.clearCache();
        assertThat(store.get("a").n).as("the uncommitted value is gone, the committed one read back").isEqualTo(1);
        store.close();
    }

    /** A real (in-memory, unlogged) store of counters, initialised, for a cache built around it. */
    private static KeyValueStore<String, Counter> innerStore() {
        KeyValueStore<String, Counter> inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"),
                Serdes.String(), new dev.vigil.events.JsonSerde<>(Counter.class)).withLoggingDisabled().build();
        inner.init(new MockProcessorContext<String, String>().getStateStoreContext(), inner);
        return inner;
    }
}
