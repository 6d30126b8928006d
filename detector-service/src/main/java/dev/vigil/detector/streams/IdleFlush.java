package dev.vigil.detector.streams;

import dev.vigil.detector.rules.Observation;
import dev.vigil.detector.rules.WindowRules;
import dev.vigil.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Idle-partition flush of the windowed rules: passes every observation through unchanged and, every
 * {@code interval} of wall-clock time, forwards to each partition of each rule's repartition topic
 * ({@code vigil-detector-obs-<rule>-repartition}) one "tick" observation. Stream time of a partition only advances
 * with records on that partition, so without ticks the last windows before the input goes quiet would never close
 * and their suppressed findings would never be emitted.
 *
 * <p>A tick never runs ahead of the data: before any observation was seen there is no tick; while observations keep
 * arriving a tick is stamped {@code latest - margin} ({@code latest} = the newest event time seen), so partitions
 * that lag catch up without making the rest of a batch late; once no observation arrived for two intervals of wall
 * clock (the input is idle), a tick is stamped {@code min(now - margin, latest + closeAhead)}, which closes every
 * window that holds data (closeAhead = the longest window plus the grace period) but never moves stream time past
 * the wall clock minus the margin. Tick times never go back.
 *
 * <p>Tick keys are {@code ~tick~<n>}, chosen once per partition so that Kafka's default partitioner
 * ({@code Utils.toPositive(Utils.murmur2(utf8(key))) % partitions}, the producer's built-in partitioner, which Kafka
 * Streams uses for repartition topics with String keys) sends key {@code i} of {@link #keys()} to partition {@code i}.
 * Real observation keys start with a rule name ({@link Observation#groupKey()}), never with {@link #TICK_PREFIX}; the
 * window aggregation and evaluation ignore tick keys ({@link #isTick(String)}), so a tick never forms a finding.
 *
 * <p>Only the task of input partition 0 ticks (one task is enough to reach every output partition, and Kafka
 * Streams always assigns that task to some instance). Ticks are forwarded within the task's transaction like any
 * other record (exactly-once).
 *
 * <p>That task keeps {@code latest} and the previous tick's stamp in the key-value store {@link #STORE} (persistent,
 * changelogged, cached so that it writes at most once per commit), and reads them back in {@link #init}: a restarted
 * or reassigned task whose input stays quiet still ticks and closes the windows that hold data, instead of waiting
 * for a new record that may never come. After a restart the wall clock of the last record is unknown, so the task
 * counts as idle two intervals after it started.
 */
final class IdleFlush implements Processor<String, Observation, String, Observation> {

    /** Prefix of tick keys. */
    static final String TICK_PREFIX = "~tick~";
    /** The store of {@code latest} and the previous tick (keys {@code latest}, {@code previous}; UTC epoch ms). */
    static final String STORE = "idle-flush-clock";
    private static final String LATEST = "latest";
    private static final String PREVIOUS = "previous";

    private static final List<String> KEYS = keysFor(Topics.LOG_PARTITIONS);

    private final Duration interval;
    private final long marginMs;
    private final long closeAheadMs;
    private long latest = Long.MIN_VALUE;
    private long wallAtLatest;
    private ProcessorContext<String, Observation> context;
    private long previous = Long.MIN_VALUE;
    private KeyValueStore<String, Long> clock;

    /**
     * A flush every {@code interval} (zero or negative: never) with ticks {@code margin} behind the wall clock.
     */
    IdleFlush(Duration interval, Duration margin, Duration closeAhead) {
        this.interval = interval;
        this.marginMs = margin.toMillis();
        this.closeAheadMs = closeAhead.toMillis();
    }

    /** Whether {@code key} is the key of a tick observation. */
    static boolean isTick(String key) {
        return key != null && key.startsWith(TICK_PREFIX);
    }

    /** The tick key of each partition, index = partition, for {@link Topics#LOG_PARTITIONS} partitions. */
    static List<String> keys() {
        return KEYS;
    }

    /**
     * For each partition {@code p < partitions}, the first key {@code ~tick~<n>} (n = 0, 1, ...) that Kafka's default
     * partitioner sends to {@code p}.
     */
    static List<String> keysFor(int partitions) {
        String[] keys = new String[partitions];
        int found = 0;
        for (int n = 0; found < partitions; n++) {
            String key = TICK_PREFIX + n;
            int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (keys[p] == null) {
                keys[p] = key;
                found++;
            }
        }
        return List.of(keys);
    }

    /** The store builder of {@link #STORE}, to add to the topology with this processor. */
    static StoreBuilder<KeyValueStore<String, Long>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, Observation> context) {
        this.context = context;
        if (!interval.isZero() && !interval.isNegative() && context.taskId().partition() == 0) {
            clock = context.getStateStore(STORE);
            Long l = clock.get(LATEST);
            Long p = clock.get(PREVIOUS);
            latest = l == null ? Long.MIN_VALUE : l;
            previous = p == null ? Long.MIN_VALUE : p;
            wallAtLatest = context.currentSystemTimeMs();
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::tick);
        }
    }

    @Override
    public void process(Record<String, Observation> record) {
        if (record.timestamp() > latest) {
            latest = record.timestamp();
            wallAtLatest = context.currentSystemTimeMs();
            if (clock != null) {
                clock.put(LATEST, latest);
            }
        }
        context.forward(record);
    }

    /**
     * The stamp of the next tick, UTC epoch ms, or {@code Long.MIN_VALUE} for none (see the class comment).
     *
     * @param idle whether no observation arrived for two intervals of wall clock
     */
    static long nextTick(long nowMs, long marginMs, long latestMs, long closeAheadMs, boolean idle, long previousMs) {
        if (latestMs == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long target = idle ? Math.min(nowMs - marginMs, latestMs + closeAheadMs) : latestMs - marginMs;
        return Math.max(target, previousMs);
    }

    private void tick(long nowMs) {
        boolean idle = nowMs - wallAtLatest >= 2 * interval.toMillis();
        long next = nextTick(nowMs, marginMs, latest, closeAheadMs, idle, previous);
        if (next == Long.MIN_VALUE) {
            return;
        }
        previous = next;
        clock.put(PREVIOUS, previous);
        for (WindowRules.Rule rule : WindowRules.Rule.values()) {
            for (String key : KEYS) {
                context.forward(new Record<>(key, new Observation(rule.name(), null, null, null, key, null, 0, 0,
                        previous, null, null, null), previous));
            }
        }
    }
}
