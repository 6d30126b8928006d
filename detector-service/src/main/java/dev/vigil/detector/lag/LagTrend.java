package dev.vigil.detector.lag;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a topic's consumer lag has been growing, from successive samples: a topic is <em>growing</em> from the first
 * sample whose lag exceeded the one before, for as long as no later sample is lower and the lag is above zero. A
 * detector that drains a backlog (lag falling between samples) or is caught up (lag zero) is not growing. Thread-safe.
 */
public final class LagTrend {

    /** One topic's latest sample: lag in records, and since when (epoch ms) it has been growing (0: not growing). */
    public record Sample(long lag, long sampledAtMs, long growingSinceMs) {

        /** How long the lag has been growing at {@code nowMs}, in ms (0 when it is not growing). */
        public long growingForMs(long nowMs) {
            return growingSinceMs == 0 ? 0 : Math.max(0, nowMs - growingSinceMs);
        }
    }

    private final Map<String, Sample> latest = new ConcurrentHashMap<>();

    /** Records {@code lag} (records, at least 0) of {@code topic} sampled at {@code nowMs}; returns the new sample. */
    public Sample record(String topic, long lag, long nowMs) {
        return latest.compute(topic, (t, prev) -> {
            long since;
            if (lag <= 0 || prev == null || lag < prev.lag()) {
                since = 0;
            } else if (lag > prev.lag()) {
                since = prev.growingSinceMs() != 0 ? prev.growingSinceMs() : prev.sampledAtMs();
            } else {
                since = prev.growingSinceMs();
            }
            return new Sample(lag, nowMs, since);
        });
    }

    /** The latest sample of {@code topic}, if any. */
    public Optional<Sample> latest(String topic) {
        return Optional.ofNullable(latest.get(topic));
    }

    /** Every topic's latest sample. */
    public Map<String, Sample> all() {
        return Map.copyOf(latest);
    }
}
