package dev.vigil.detector.streams;

import dev.vigil.detector.rules.WindowAgg;
import dev.vigil.events.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Emits each window's final aggregate once, when the stream time observed here passes the window's end plus the
 * grace period: the rule of {@code Suppressed.untilWindowCloses} ({@code KTableSuppressProcessor}: a window is
 * emitted once {@code windowEnd <= streamTime - grace}), with the buffer in a persistent, changelogged, cached
 * key-value store instead of the DSL's in-memory one. So the open windows' latest aggregates live off the heap
 * (the DSL buffer is unbounded and on-heap), and a restarted instance reopens them from its local state directory
 * (the DSL buffer can only be rebuilt by replaying its changelog).
 *
 * <p>Buffer keys are {@code <windowEnd>|<windowStart>|<key>} with both times zero-padded to 19 digits, so the store's
 * byte order is window-end order and the closed windows are one range scan. Tick windows ({@link IdleFlush}) only
 * advance the stream time: they are never buffered, since a tick never forms a finding.
 */
final class EmitOnClose implements Processor<Windowed<String>, WindowAgg, Windowed<String>, WindowAgg> {

    private final String storeName;
    private final long graceMs;
    private long observed = Long.MIN_VALUE;
    /** The expiry of the last scan (in memory: after a restart the first scan covers the whole buffer). */
    private long scanned = Long.MIN_VALUE;
    private KeyValueStore<String, WindowAgg> buffer;
    private ProcessorContext<Windowed<String>, WindowAgg> context;

    /** Emits windows {@code grace} after their end, buffering them in the store {@code storeName}. */
    EmitOnClose(String storeName, Duration grace) {
        this.storeName = storeName;
        this.graceMs = grace.toMillis();
    }

    /**
     * The builder of the buffer store {@code name}: RocksDB, or in memory (still changelogged) when the topology's
     * DSL stores are in memory, as tests choose for speed.
     */
    static StoreBuilder<KeyValueStore<String, WindowAgg>> storeBuilder(String name, boolean inMemory) {
        return Stores.keyValueStoreBuilder(inMemory ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name), Serdes.String(), new JsonSerde<>(WindowAgg.class))
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<Windowed<String>, WindowAgg> context) {
        this.context = context;
        this.buffer = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<Windowed<String>, WindowAgg> record) {
        observed = Math.max(observed, record.timestamp());
        Windowed<String> w = record.key();
        long put = Long.MAX_VALUE;
        if (w != null && record.value() != null && !IdleFlush.isTick(w.key())) {
            buffer.put(key(w.window().end(), w.window().start(), w.key()), record.value());
            put = w.window().end();
        }
        long expiry = observed - graceMs;
        if (expiry < 0 || (expiry <= scanned && put > scanned)) {
            return; // nothing can have closed since the last scan
        }
        // every window ending at or before the last scanned expiry was emitted and deleted by that scan, so the scan
        // starts after it (past the tombstones of the deleted keys), or at the window just put if it ends earlier
        // (an update the window store's cache forwarded after a later window moved the stream time on)
        String from = scanned == Long.MIN_VALUE ? null : pad(Math.min(scanned + 1, put));
        List<KeyValue<String, WindowAgg>> closed = new ArrayList<>();
        try (KeyValueIterator<String, WindowAgg> it = buffer.range(from, pad(expiry) + "}")) {
            it.forEachRemaining(closed::add);
        }
        scanned = Math.max(scanned, expiry);
        for (KeyValue<String, WindowAgg> kv : closed) {
            buffer.delete(kv.key);
            String[] parts = kv.key.split("\\|", 3);
            long end = Long.parseLong(parts[0]);
            long start = Long.parseLong(parts[1]);
            long ts = kv.value.last != Long.MIN_VALUE ? kv.value.last : end - 1;
            context.forward(new Record<>(new Windowed<>(parts[2], new TimeWindow(start, end)), kv.value, ts));
        }
    }

    static String key(long end, long start, String key) {
        return pad(end) + "|" + pad(start) + "|" + key;
    }

    private static String pad(long ms) {
        return String.format("%019d", ms);
    }
}
