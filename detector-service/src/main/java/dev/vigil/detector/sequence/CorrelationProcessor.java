package dev.vigil.detector.sequence;

import dev.vigil.events.FindingCandidate;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Correlates the signals of each actor (or instance group) in the store {@value #STORE} and emits its attack-sequence
 * candidate, keyed by finding ID.
 *
 * <p>When a signal makes the chain a sequence, or adds a signal to the sequence's own, or changes its type, the
 * candidate is emitted at once (the delay from the last signal to the update is the topology's, not a timer's). A
 * signal that only adds occurrences to a known one (the 200th {@code GetObject}) is emitted when
 * {@value #EMIT_EVERY_EVENTS} events accumulated, else within {@code flushEvery} of wall-clock time, so a burst of
 * reads does not write the finding once per read: the flush visits only the chains with pending occurrences (kept in
 * memory). Chains whose newest signal is older than twice the horizon (by wall clock) are deleted by a scan of the
 * store every {@code EXPIRE_EVERY} of wall-clock time.
 */
public final class CorrelationProcessor implements Processor<String, SequenceSignal, String, FindingCandidate> {

    /** The correlation state store: {@code account/region/scope/key} to {@link ActorState}. */
    public static final String STORE = "sequence-actors";
    /** Pending occurrences that trigger an update without waiting for the wall-clock flush. */
    static final long EMIT_EVERY_EVENTS = 50;

    private final long horizonMs;
    private final Duration flushEvery;
    private final LongSupplier clock;
    /** How often (wall clock) the store is scanned for chains to delete. */
    static final Duration EXPIRE_EVERY = Duration.ofMinutes(10);

    private KeyValueStore<String, ActorState> store;
    private ProcessorContext<String, FindingCandidate> context;
    /** Keys of chains with pending updates; in memory, rebuilt from the store after a restart. */
    private final java.util.Set<String> dirtyKeys = new java.util.LinkedHashSet<>();
    private boolean rebuilt;
    private long nextExpiryMs;

    /**
     * A processor with a rolling {@code horizon} per actor, flushing pending updates every {@code flushEvery};
     * {@code clock} gives the candidates' {@code observedAt} (UTC ms).
     */
    public CorrelationProcessor(Duration horizon, Duration flushEvery, LongSupplier clock) {
        this.horizonMs = horizon.toMillis();
        this.flushEvery = flushEvery;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, FindingCandidate> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(flushEvery, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, SequenceSignal> record) {
        SequenceSignal s = record.value();
        if (s == null || s.accountId() == null || s.key() == null) {
            return;
        }
        try {
            ActorState state = Optional.ofNullable(store.get(record.key())).orElseGet(ActorState::new);
            state.add(s, horizonMs);
            evaluate(state, false).ifPresent(c -> context.forward(new Record<>(c.finding().id(), c,
                    record.timestamp())));
            store.put(record.key(), state);
            if (state.dirty) {
                dirtyKeys.add(record.key());
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "sequence correlation failed on a signal of %s; signal skipped", record.key());
        }
    }

    /** The candidate to emit for {@code state} now, if any; updates {@code state}'s emission bookkeeping. */
    private Optional<FindingCandidate> evaluate(ActorState state, boolean flushing) {
        Optional<SequenceRules.Verdict> verdict = SequenceRules.evaluate(state);
        if (verdict.isEmpty()) {
            return Optional.empty();
        }
        SequenceRules.Verdict v = verdict.get();
        state.sequenceNewestMs = Math.max(state.sequenceNewestMs, state.signals.stream()
                .filter(a -> v.signals().contains(a.uid)).mapToLong(a -> a.lastMs).max().orElse(state.newestMs));
        long events = v.events();
        boolean first = state.sequenceId == null;
        if (first) {
            long start = state.signals.stream().filter(a -> v.signals().contains(a.uid)).mapToLong(a -> a.firstMs).min()
                    .orElse(state.newestMs);
            state.sequenceId = SequenceFinding.id(state, start);
        }
        boolean changed = first || !v.type().equals(state.type) || v.signals().size() != state.emittedSignals;
        long pending = events - state.emittedEvents;
        if (!changed && pending < EMIT_EVERY_EVENTS && !(flushing && pending > 0)) {
            state.dirty = pending > 0;
            return Optional.empty();
        }
        FindingCandidate c = SequenceFinding.candidate(state, v, Math.max(1, pending), clock.getAsLong());
        state.type = v.type();
        state.emittedEvents = events;
        state.emittedSignals = v.signals().size();
        state.emittedAtMs = state.newestMs;
        state.dirty = false;
        return Optional.of(c);
    }

    /**
     * Emits the pending updates of the chains in {@link #dirtyKeys} (no store scan), and every {@link #EXPIRE_EVERY}
     * deletes the chains idle for twice the horizon (wall clock): the only full scan, so its cost does not recur every
     * flush for a store of thousands of actors.
     */
    private void flush(long wallClockMs) {
        rebuildDirty();
        long idleBefore = wallClockMs - 2 * horizonMs;
        for (String key : new ArrayList<>(dirtyKeys)) {
            ActorState state = store.get(key);
            if (state != null && state.dirty && state.newestMs >= idleBefore) {
                evaluate(state, true).ifPresent(c -> context.forward(new Record<>(c.finding().id(), c,
                        wallClockMs)));
                store.put(key, state);
            }
        }
        dirtyKeys.clear();
        if (wallClockMs < nextExpiryMs) {
            return;
        }
        nextExpiryMs = wallClockMs + EXPIRE_EVERY.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ActorState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, ActorState> kv = it.next();
                if (kv.value.newestMs < idleBefore) {
                    expired.add(kv.key);
                } else if (kv.value.dirty) {
                    dirtyKeys.add(kv.key); // idle-skipped above or written since: flushed next time
                }
            }
        }
        expired.forEach(store::delete);
    }

    /** After a restart, once: the chains with pending updates (kept in memory only while running). */
    private void rebuildDirty() {
        if (rebuilt) {
            return;
        }
        rebuilt = true;
        try (KeyValueIterator<String, ActorState> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.dirty) {
                    dirtyKeys.add(kv.key);
                }
            });
        }
    }
}
