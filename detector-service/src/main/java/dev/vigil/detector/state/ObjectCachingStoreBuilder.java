package dev.vigil.detector.state;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a persistent, changelogged key-value store (RocksDB, Kafka Streams' default logging) with an
 * {@link ObjectCachingStore} of {@code maxEntries} objects per task in front of it. Use it only for stores whose
 * processors put every value they change (see {@link ObjectCachingStore}'s contract).
 *
 * @param <V> the value type
 */
public final class ObjectCachingStoreBuilder<V> implements StoreBuilder<KeyValueStore<String, V>> {

    /**
     * Default entries per store and task (the profile stores). Each cached value stays on the heap: profiles of the
     * drain benchmark are 265-893 bytes serialised (ProfileSerde), and its 3,000 interfaces, instances and
     * principals over 3 tasks are 1,000 per task, so 500 entries missed on about every second record and wrote the
     * evicted profile (issue 26, tenth pass: 4.6 % of the stream threads). With 4,000 the detector's live heap after
     * the benchmark was 216 MB (236-240 MB before, with 500); at most 7 cached stores x 3 tasks x 4,000 profiles.
     */
    public static final int DEFAULT_MAX_ENTRIES = 4_000;
    /**
     * Entries per task for stores of small values (about 100 bytes: an interface's own address, a resource's clock)
     * read for every record of an interface: 8,000 per task is under 1 MB of heap and covers the interfaces of a task
     * of the drain benchmark (issue 26: 3,000 interfaces over 3 tasks missed the 500-entry cache on every second
     * record and read RocksDB instead).
     */
    public static final int SMALL_VALUE_ENTRIES = 8_000;

    private final StoreBuilder<KeyValueStore<String, V>> inner;
    private final int maxEntries;

    private ObjectCachingStoreBuilder(StoreBuilder<KeyValueStore<String, V>> inner, int maxEntries) {
        this.inner = inner;
        this.maxEntries = maxEntries;
    }

    /** A persistent store {@code name} of string keys and values of {@code valueSerde}, caching {@code maxEntries}. */
    public static <V> ObjectCachingStoreBuilder<V> persistent(String name, Serde<V> valueSerde, int maxEntries) {
        return new ObjectCachingStoreBuilder<>(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                Serdes.String(), valueSerde), maxEntries);
    }

    /** As {@link #persistent(String, Serde, int)} with {@link #DEFAULT_MAX_ENTRIES}. */
    public static <V> ObjectCachingStoreBuilder<V> persistent(String name, Serde<V> valueSerde) {
        return persistent(name, valueSerde, DEFAULT_MAX_ENTRIES);
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
        inner.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
        inner.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public KeyValueStore<String, V> build() {
        return new ObjectCachingStore<>(inner.build(), maxEntries);
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
