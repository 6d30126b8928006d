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
 * reads does not write the finding once per read. Chains whose newest signal is older than the horizon (by wall
 * clock) are deleted by the same punctuation.
 */
public final class CorrelationProcessor implements Processor<String, SequenceSignal, String, FindingCandidate> {

    /** The correlation state store: {@code account/region/scope/key} to {@link ActorState}. */
    public static final String STORE = "sequence-actors";
    /** Pending occurrences that trigger an update without waiting for the wall-clock flush. */
    static final long EMIT_EVERY_EVENTS = 50;

    private final long horizonMs;
    private final Duration flushEvery;
    private final LongSupplier clock;
    private KeyValueStore<String, ActorState> store;
    private ProcessorContext<String, FindingCandidate> context;

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

    /** Emits pending updates and deletes chains idle for the horizon (wall clock). */
    private void flush(long wallClockMs) {
        List<KeyValue<String, ActorState>> changed = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ActorState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, ActorState> kv = it.next();
                ActorState state = kv.value;
                if (state.newestMs < wallClockMs - 2 * horizonMs) {
                    expired.add(kv.key);
                } else if (state.dirty) {
                    evaluate(state, true).ifPresent(c -> context.forward(new Record<>(c.finding().id(), c,
                            wallClockMs)));
                    changed.add(KeyValue.pair(kv.key, state));
                }
            }
        }
        changed.forEach(kv -> store.put(kv.key, kv.value));
        expired.forEach(store::delete);
    }
}
