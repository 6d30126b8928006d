package dev.vigil.detector.streams;

import dev.vigil.detector.rules.window.Observation;
import dev.vigil.detector.rules.window.Rule;
import dev.vigil.detector.rules.window.WindowAgg;
import dev.vigil.detector.rules.window.WindowRules;
import dev.vigil.events.FindingCandidate;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tumbling event-time windows of the windowed rules ({@link WindowRules}) whose findings do not depend on the order
 * in which records arrive, evaluated in the task that reads the log record.
 *
 * <p><b>Clocks per resource.</b> Every rule groups by a key that starts with the resource the log record is keyed by
 * (network interface or instance, DNS source, principal; see {@code FlowLogRecord.key()} and the others), so all
 * records of a window are on one input partition and no repartition is needed (Kafka Streams' windowed aggregation
 * would need one per rule, whose stream time is the newest record any upstream task wrote). Each resource of each
 * account and log source has its own clock: the newest event time of its observations. Records of one interface that
 * arrive after newer records of another interface, principal or collector are therefore never late.
 *
 * <p><b>Lateness horizon.</b> An observation counts in its window whenever its event time is within
 * {@code detector.rules.lateness-horizon} (default 24 h) of its resource's clock. Older ones are counted in
 * {@link BeyondHorizon} (metric and a rate-limited log line per account) and not windowed; the stateless rules see
 * the record anyway. A window {@code [start, end)} is kept until its resource's clock reaches {@code end + horizon}:
 * after that no record can count in it.
 *
 * <p><b>Findings on crossing.</b> The record that makes a window reach its rule's threshold emits the window's
 * candidate at once (count = the window's records so far, evidence {@code window:<start>}). Records added later are
 * emitted as updates with the same finding ID and the count they add (evidence {@code window:<start>+<count>}, the
 * window's running count): findings-service adds candidates' counts and keeps the earliest first-seen and the latest
 * last-seen ({@code FindingStore.merge}), so the finding's count is the window's count, whatever the order. Pending
 * updates are emitted when the resource's clock passes the window's end plus {@code detector.rules.grace}, every
 * {@code detector.rules.update-interval} of wall-clock time, and when the window expires.
 *
 * <p><b>State.</b> {@value #WINDOWS}: key {@code account|source|resource|end|start|groupKey} (end and start as
 * 13-digit UTC epoch ms, so a range scan finds a resource's windows ending by a time), value {@link WindowAgg}
 * (counts, at most {@value WindowAgg#MAX_ELEMENTS} distinct elements, the count last emitted). {@value #CLOCKS}: key
 * {@code account|source|resource}, value {@link Clock}. Both are changelogged: with exactly-once processing a restart
 * neither loses a window nor emits one twice. A resource without observations for the horizon in wall-clock time is
 * forgotten (its pending updates emitted, its windows and clock deleted). Expiry scans run once per hour of a
 * resource's event time, so a window outlives the horizon by at most an hour; the end-plus-grace updates come from
 * the in-memory set of windows with pending records, so the common record causes no store scan. A new window is not
 * read before it is written: {@link WindowKeyFilter} (Bloom filters per hour of window end, filled from the store at
 * the first record after a restart, at most {@value #KEY_FILTER_BYTES} bytes per task) tells that its key is absent.
 */
final class WindowProcessor implements Processor<String, Observation, String, FindingCandidate> {

    /** Store of open windows. */
    static final String WINDOWS = "window-state";
    /** Store of clocks per resource. */
    static final String CLOCKS = "resource-clocks";
    /** How often (wall clock) the clocks are swept for resources idle longer than the horizon. */
    private static final long SWEEP_MS = Duration.ofMinutes(10).toMillis();
    /** Expiry scans of a resource's windows run when its clock minus the horizon enters a new hour. */
    private static final long EXPIRE_STEP_MS = Duration.ofHours(1).toMillis();
    /** A clock's wall-clock time is rewritten when it is older than this, to bound writes. */
    private static final long WALL_RESOLUTION_MS = Duration.ofMinutes(1).toMillis();
    private static final String MAX = "|\uffff";
    /** Heap for each task's {@link WindowKeyFilter}: about 14 million window keys at 1 % false positives. */
    static final long KEY_FILTER_BYTES = 16L * 1024 * 1024;
    /** Hours of window end the key filter keeps beyond the horizon, behind the task's newest event time. */
    private static final long FILTER_SLACK_MS = Duration.ofHours(2).toMillis();

    /** Turns a window into candidates keyed by finding ID (see {@link DetectorTopology}). */
    interface Emitter {
        /**
         * @param start    window start, UTC epoch ms
         * @param count    records this candidate adds to the finding
         * @param evidence what makes this candidate unique (its event ID is derived from it)
         */
        List<KeyValue<String, FindingCandidate>> emit(WindowAgg window, long start, long count, String evidence);
    }

    private final WindowRules rules;
    private final long graceMs;
    private final long horizonMs;
    private final Duration interval;
    private final long stepMs;
    private final Emitter emitter;
    private final BeyondHorizon beyond;
    /** Keys of windows with records not emitted yet; in memory, rebuilt from the store after a restart. */
    private final Set<String> pending = new LinkedHashSet<>();
    /** Which window keys may exist, so that a new window is not read first; filled by the scan after a restart. */
    private final WindowKeyFilter keyFilter = new WindowKeyFilter(KEY_FILTER_BYTES);
    /** The newest event time this task has windowed (UTC epoch ms), to drop the key filter's expired hours. */
    private long newestSeen = Long.MIN_VALUE;
    private boolean rebuilt;
    private ProcessorContext<String, FindingCandidate> context;
    private KeyValueStore<String, WindowAgg> windows;
    private KeyValueStore<String, Clock> clocks;

    WindowProcessor(WindowRules rules, Duration grace, Duration horizon, Duration interval, Emitter emitter,
            BeyondHorizon beyond) {
        this.rules = rules;
        this.graceMs = grace.toMillis();
        this.horizonMs = horizon.toMillis();
        this.interval = interval;
        this.emitter = emitter;
        this.beyond = beyond;
        long gcd = 0;
        for (Rule r : Rule.values()) {
            gcd = gcd(gcd, rules.window(r).toMillis());
        }
        this.stepMs = Math.max(gcd, 1);
    }

    @Override
    public void init(ProcessorContext<String, FindingCandidate> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS);
        this.clocks = context.getStateStore(CLOCKS);
        if (!interval.isZero() && !interval.isNegative()) {
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::flush);
        }
        context.schedule(Duration.ofMillis(SWEEP_MS), PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, Observation> record) {
        rebuildPending();
        Observation o = record.value();
        if (o == null || o.rule() == null || o.accountId() == null || o.key() == null || o.eventTime() <= 0) {
            return;
        }
        Rule rule = o.rule();
        long t = o.eventTime();
        String resource = o.accountId() + "|" + source(rule) + "|" + o.key().resource();
        Clock clock = clocks.get(resource);
        if (clock != null && t < clock.newest() - horizonMs) {
            beyond.count(o.accountId(), source(rule), t, clock.newest());
            return;
        }
        long size = rules.window(rule).toMillis();
        long start = t - Math.floorMod(t, size);
        long end = start + size;
        String key = resource + "|" + pad(end) + "|" + pad(start) + "|" + o.groupKey();
        WindowAgg agg = keyFilter.addIfAbsent(key, end) ? null : windows.get(key);
        if (agg == null) {
            agg = new WindowAgg();
        }
        agg.add(o);
        if (t > newestSeen) {
            newestSeen = t;
            keyFilter.forgetBefore(t - horizonMs - FILTER_SLACK_MS);
        }
        if (agg.emitted == 0 && rules.crossed(agg)) {
            emit(key, agg.describe(o), start, agg.count, "window:" + start);
        } else if (agg.emitted > 0) {
            pending.add(key);
        }
        windows.put(key, agg);
        long now = context.currentSystemTimeMs();
        if (clock == null) {
            clocks.put(resource, new Clock(t, t - graceMs, now));
        } else if (t > clock.newest()) {
            Clock next = new Clock(t, Math.max(clock.settledTo(), t - graceMs), now);
            settle(resource, clock.settledTo(), next.settledTo());
            expire(resource, clock.newest() - horizonMs, t - horizonMs, EXPIRE_STEP_MS);
            clocks.put(resource, next);
        } else if (now - clock.wall() >= WALL_RESOLUTION_MS) {
            clocks.put(resource, new Clock(clock.newest(), clock.settledTo(), now));
        }
    }

    /**
     * Emits the pending updates of the resource's windows ending in {@code (from, to]} (end plus grace passed). Only
     * windows in {@link #pending} can have any, so no store scan is needed.
     */
    private void settle(String resource, long from, long to) {
        if (pending.isEmpty() || Math.floorDiv(to, stepMs) <= Math.floorDiv(from, stepMs)) {
            return;
        }
        String prefix = resource + "|";
        String last = prefix + pad(to) + MAX;
        for (String key : new ArrayList<>(pending)) {
            if (key.startsWith(prefix) && key.compareTo(last) <= 0) {
                WindowAgg agg = windows.get(key);
                if (agg != null && update(key, agg)) {
                    windows.put(key, agg);
                }
            }
        }
    }

    /**
     * Deletes the resource's windows ending by {@code to} (beyond the horizon), emitting their pending updates; scans
     * only when {@code to} enters a new {@code every} (so windows outlive the horizon by at most that).
     */
    private void expire(String resource, long from, long to, long every) {
        if (Math.floorDiv(to, every) <= Math.floorDiv(from, every)) {
            return;
        }
        for (KeyValue<String, WindowAgg> w : range(resource + "|" + pad(0), resource + "|" + pad(to) + MAX)) {
            update(w.key, w.value);
            windows.delete(w.key);
            pending.remove(w.key);
        }
    }

    /** Emits the records of window {@code key} not emitted yet, if it crossed its threshold; whether it did. */
    private boolean update(String key, WindowAgg agg) {
        pending.remove(key);
        if (agg.emitted == 0 || agg.count <= agg.emitted) {
            return false;
        }
        long start = Long.parseLong(key.split("\\|", 6)[4]);
        emit(key, agg, start, agg.count - agg.emitted, "window:" + start + "+" + agg.count);
        return true;
    }

    private void emit(String key, WindowAgg agg, long start, long count, String evidence) {
        try {
            for (KeyValue<String, FindingCandidate> c : emitter.emit(agg, start, count, evidence)) {
                context.forward(new Record<>(c.key, c.value, Math.max(agg.last, 0)));
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "window rule failed on %s; candidate skipped", key);
        }
        agg.emitted = agg.count;
    }

    /** The wall-clock flush of pending updates. */
    private void flush(long nowMs) {
        rebuildPending();
        for (String key : new ArrayList<>(pending)) {
            WindowAgg agg = windows.get(key);
            if (agg != null && update(key, agg)) {
                windows.put(key, agg);
            }
        }
        pending.clear();
    }

    /** Forgets the resources without observations for the horizon (wall clock), emitting their pending updates. */
    private void sweep(long nowMs) {
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, Clock> it = clocks.all()) {
            it.forEachRemaining(c -> {
                if (nowMs - c.value.wall() >= horizonMs) {
                    idle.add(c.key);
                }
            });
        }
        for (String resource : idle) {
            expire(resource, Long.MIN_VALUE, Long.MAX_VALUE / 2, stepMs);
            clocks.delete(resource);
        }
    }

    /**
     * After a restart, once: the windows with records not emitted yet, and every key for the key filter (both in
     * memory only while running).
     */
    private void rebuildPending() {
        if (rebuilt) {
            return;
        }
        rebuilt = true;
        try (KeyValueIterator<String, WindowAgg> it = windows.all()) {
            it.forEachRemaining(w -> {
                keyFilter.add(w.key, Long.parseLong(w.key.split("\\|", 6)[3]));
                if (w.value.emitted > 0 && w.value.count > w.value.emitted) {
                    pending.add(w.key);
                }
            });
        }
    }

    private List<KeyValue<String, WindowAgg>> range(String from, String to) {
        List<KeyValue<String, WindowAgg>> out = new ArrayList<>();
        try (KeyValueIterator<String, WindowAgg> it = windows.range(from, to)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * The clock of one resource (interface or instance, DNS source, principal) of one account and log source.
     *
     * @param newest    the newest event time of its observations, UTC epoch ms
     * @param settledTo windows ending at or before this (UTC epoch ms; the newest minus grace) had their pending
     *                  updates emitted
     * @param wall      wall-clock time (UTC epoch ms) of its last observation, to a minute
     */
    record Clock(long newest, long settledTo, long wall) {
    }

    /** The log source whose records feed {@code rule}: {@code flow}, {@code dns} or {@code cloudtrail}. */
    static String source(Rule rule) {
        return rule.source().name().toLowerCase(Locale.ROOT);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String pad(long ms) {
        String digits = Long.toString(Math.min(Math.max(ms, 0), 9_999_999_999_999L));
        return "0".repeat(13 - digits.length()) + digits;
    }
}
