package dev.vigil.detector.streams;

import dev.vigil.detector.rules.window.Observation;
import dev.vigil.detector.rules.window.Rule;
import dev.vigil.detector.rules.window.WindowAgg;
import dev.vigil.detector.rules.window.WindowRules;
import dev.vigil.events.FindingCandidate;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tumbling event-time windows of the windowed rules ({@link WindowRules}), evaluated in the task that reads the log
 * record, with a clock per account and log source.
 *
 * <p>Why not Kafka Streams' windowed aggregation: that needs a repartition topic per rule, whose stream time is the
 * newest record any upstream task wrote to it. When a backlog is replayed (a week of logs ingested in a minute, a
 * restart after an outage), upstream partitions progress at different event times, and the windows of the partitions
 * that lag are dropped as late. Here every rule groups by a key that starts with the resource the log record is keyed
 * by (instance or interface, DNS source, principal; see {@code FlowLogRecord.key()} and the others), so all records
 * of a window are already on one input partition and no repartition is needed. The clock is the newest event time
 * seen for that account in that log source (flow, DNS or CloudTrail), so one tenant's backfill is never "late" because of another tenant's live data, and
 * flow logs are never late because of CloudTrail. (An instance with several network interfaces counts each
 * interface's windows apart.)
 *
 * <p>A window {@code [start, start + size)} (epoch-aligned, {@code size} per rule) is closed and evaluated once, when
 * its clock reaches {@code start + size + grace}; a record for a closed window is late and not counted (as Kafka
 * Streams does). When an account's log source gives no observation for two flush intervals of wall-clock time, its clock moves
 * to {@code min(now - margin, due)}, where {@code due} is when the window of the newest record closes: the windows
 * holding data close even when the input goes quiet, and a backlog that pauses between two files goes on in open
 * windows
 * ({@code detector.rules.idle-flush-interval}, {@code detector.rules.idle-flush-margin}), also after a restart.
 *
 * <p>State: open windows in {@value #WINDOWS} (key {@code account|source|due|start|groupKey}, due and start as
 * 13-digit UTC epoch ms, so a range scan finds the windows due at a time) and the clocks in {@value #CLOCKS} (key
 * {@code account|source}); both are changelogged, so with exactly-once processing a restart neither loses a window
 * nor emits one twice.
 */
final class WindowProcessor implements Processor<String, Observation, String, FindingCandidate> {

    /** Store of open windows. */
    static final String WINDOWS = "window-aggregates";
    /** Store of clocks per account and log source. */
    static final String CLOCKS = "window-clocks";

    private final WindowRules rules;
    private final Duration grace;
    private final Duration interval;
    private final long marginMs;
    private final BiFunction<WindowAgg, Long, List<KeyValue<String, FindingCandidate>>> evaluate;
    /** Wall-clock time (UTC epoch ms) of the last record per clock key; in memory, restarted at init. */
    private final Map<String, Long> lastWall = new HashMap<>();
    private ProcessorContext<String, FindingCandidate> context;
    private KeyValueStore<String, WindowAgg> windows;
    private KeyValueStore<String, Clock> clocks;
    private long initWall;

    /**
     * @param evaluate turns a closed window (aggregate, window start in UTC epoch ms) into candidates keyed by
     *                 finding ID
     */
    WindowProcessor(WindowRules rules, Duration grace, Duration interval, Duration margin,
            BiFunction<WindowAgg, Long, List<KeyValue<String, FindingCandidate>>> evaluate) {
        this.rules = rules;
        this.grace = grace;
        this.interval = interval;
        this.marginMs = margin.toMillis();
        this.evaluate = evaluate;
    }

    @Override
    public void init(ProcessorContext<String, FindingCandidate> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS);
        this.clocks = context.getStateStore(CLOCKS);
        this.initWall = context.currentSystemTimeMs();
        if (!interval.isZero() && !interval.isNegative()) {
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::flushIdle);
        }
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation o = record.value();
        if (o == null || o.rule() == null || o.accountId() == null || o.eventTime() <= 0) {
            return;
        }
        Rule rule = o.rule();
        long t = o.eventTime();
        long start = start(rule, t);
        long due = due(rule, t);
        String clockKey = o.accountId() + "|" + source(rule);
        Clock clock = clocks.get(clockKey);
        lastWall.put(clockKey, context.currentSystemTimeMs());
        if (clock != null && due <= clock.closedTo()) {
            Log.debugf("late record for closed window %s of %s (event time %d, closed to %d); not counted", start,
                    o.groupKey(), t, clock.closedTo());
            return;
        }
        String key = clockKey + "|" + pad(due) + "|" + pad(start) + "|" + o.groupKey();
        WindowAgg agg = windows.get(key);
        windows.put(key, (agg == null ? new WindowAgg() : agg).add(o));
        if (clock == null || t > clock.newest()) {
            advance(clockKey, new Clock(t, clock == null ? t : Math.max(clock.closedTo(), t)));
        }
    }

    /** Stores {@code clock} for {@code clockKey} and closes every window due by its {@code closedTo}. */
    private void advance(String clockKey, Clock clock) {
        clocks.put(clockKey, clock);
        long time = clock.closedTo();
        List<KeyValue<String, WindowAgg>> closed = new ArrayList<>();
        try (KeyValueIterator<String, WindowAgg> it = windows.range(clockKey + "|" + pad(0),
                clockKey + "|" + pad(time) + "|\uffff")) {
            it.forEachRemaining(closed::add);
        }
        for (KeyValue<String, WindowAgg> w : closed) {
            windows.delete(w.key);
            String[] parts = w.key.split("\\|", 5);
            long start = Long.parseLong(parts[3]);
            try {
                for (KeyValue<String, FindingCandidate> c : evaluate.apply(w.value, start)) {
                    context.forward(new Record<>(c.key, c.value, Math.max(w.value.last, 0)));
                }
            } catch (RuntimeException e) {
                Log.warnf(e, "window rule failed on %s; window skipped", w.key);
            }
        }
    }

    /** Moves the clocks of idle accounts and rules forward (see the class comment). */
    private void flushIdle(long nowMs) {
        List<KeyValue<String, Clock>> all = new ArrayList<>();
        try (KeyValueIterator<String, Clock> it = clocks.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, Clock> c : all) {
            long last = lastWall.getOrDefault(c.key, initWall);
            if (nowMs - last < 2 * interval.toMillis()) {
                continue;
            }
            String source = c.key.substring(c.key.lastIndexOf('|') + 1);
            long due = Long.MIN_VALUE;
            for (Rule rule : Rule.values()) {
                if (source(rule).equals(source)) {
                    due = Math.max(due, due(rule, c.value.newest()));
                }
            }
            long target = Math.min(nowMs - marginMs, due);
            if (target > c.value.closedTo()) {
                advance(c.key, new Clock(c.value.newest(), target));
            }
        }
    }

    /**
     * The clock of one account and log source.
     *
     * @param newest   the newest event time seen, UTC epoch ms
     * @param closedTo windows due at or before this time (UTC epoch ms) are closed: the newest event time, or
     *                 further when the idle flush moved it
     */
    record Clock(long newest, long closedTo) {
    }

    /** The log source whose records feed {@code rule}: {@code flow}, {@code dns} or {@code cloudtrail}. */
    static String source(Rule rule) {
        return rule.source().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** When the window of {@code rule} that holds event time {@code t} (UTC epoch ms) closes: its end plus grace. */
    private long due(Rule rule, long t) {
        return start(rule, t) + rules.window(rule).toMillis() + grace.toMillis();
    }

    /** The start (UTC epoch ms, epoch-aligned) of the window of {@code rule} that holds event time {@code t}. */
    private long start(Rule rule, long t) {
        long size = rules.window(rule).toMillis();
        return t - Math.floorMod(t, size);
    }

    private static String pad(long ms) {
        return String.format("%013d", Math.max(ms, 0));
    }
}
