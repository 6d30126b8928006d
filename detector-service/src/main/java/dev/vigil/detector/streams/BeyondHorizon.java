package dev.vigil.detector.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Observations older than the lateness horizon of their resource's clock ({@link WindowProcessor}): not windowed,
 * never silently. Each is counted in {@value #METRIC} (Prometheus {@code vigil_detector_window_beyond_horizon_total},
 * tagged {@code source}; not by account, since metrics are readable without a token: SECURITY.md), and a warning per
 * account is logged at most once a minute with the number since the last one. The record itself still feeds the
 * stateless rules.
 */
final class BeyondHorizon {

    /** The Micrometer counter. */
    static final String METRIC = "vigil.detector.window.beyond.horizon";
    private static final long LOG_EVERY_MS = 60_000;

    private final MeterRegistry registry;
    private final LongSupplier wallClock;
    private final Map<String, long[]> byAccount = new HashMap<>();

    /** Counting into {@code registry}, rate-limiting log lines by the system clock. */
    BeyondHorizon(MeterRegistry registry) {
        this(registry, System::currentTimeMillis);
    }

    BeyondHorizon(MeterRegistry registry, LongSupplier wallClock) {
        this.registry = registry;
        this.wallClock = wallClock;
    }

    /**
     * Counts one observation of {@code accountId} in {@code source} at {@code eventTime} that its resource's clock,
     * at {@code newest} (both UTC epoch ms), has left beyond the horizon.
     */
    synchronized void count(String accountId, String source, long eventTime, long newest) {
        Counter.builder(METRIC).description("Observations older than the lateness horizon, not windowed")
                .tag("source", source).register(registry).increment();
        long now = wallClock.getAsLong();
        long[] state = byAccount.computeIfAbsent(accountId, a -> new long[] {Long.MIN_VALUE, 0});
        state[1]++;
        if (now - state[0] >= LOG_EVERY_MS) {
            Log.warnf("account %s: %d %s record(s) older than the lateness horizon not counted in windows (latest: "
                    + "event time %s, its resource's newest %s); stateless rules still applied", accountId, state[1],
                    source, Instant.ofEpochMilli(eventTime), Instant.ofEpochMilli(newest));
            state[0] = now;
            state[1] = 0;
        }
    }

    /** Observations counted so far (all sources). */
    double counted() {
        return registry.find(METRIC).counters().stream().mapToDouble(Counter::count).sum();
    }
}
