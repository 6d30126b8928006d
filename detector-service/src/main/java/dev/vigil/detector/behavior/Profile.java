package dev.vigil.detector.behavior;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A learned baseline of one resource (ENI, principal, or tenant), stored in a persistent, changelogged key-value
 * store in {@link ProfileSerde}'s binary form (JSON before issue 26's tenth pass, still read): when learning started
 * (event time), the distinct values seen per feature (capped), and streaming statistics per metric.
 */
public final class Profile {

    /** UTC epoch ms of the first record learned (event time). */
    public long startedMs;
    /** UTC epoch ms of the latest record (event time). */
    public long lastMs;
    /** Distinct values seen per feature (e.g. {@code remotePort} -> {@code ["443","53"]}). */
    public Map<String, LinkedHashSet<String>> seen = new TreeMap<>();
    /** Streaming statistics per metric. */
    public Map<String, Welford> stats = new TreeMap<>();
    /** Free counters and markers (e.g. the current burst bucket). */
    public Map<String, Long> counters = new TreeMap<>();

    /** A new profile starting at {@code startedMs}. */
    public static Profile startingAt(long startedMs) {
        Profile p = new Profile();
        p.startedMs = startedMs;
        p.lastMs = startedMs;
        return p;
    }

    /**
     * Takes in a record of event time {@code t}: a record older than the profile's start (a backfill, or logs
     * delivered after newer ones) moves the start back to it, so that a backfilled week learns the baseline that the
     * same week delivered live would have learned (issue 22, item 5). Answers whether the learning period is over at
     * {@code t} afterwards.
     */
    public boolean learnedAt(long t, long learningMs) {
        if (t < startedMs) {
            startedMs = t;
        }
        return learned(t, learningMs);
    }

    /** Whether the learning period is over at event time {@code nowMs}. */
    public boolean learned(long nowMs, long learningMs) {
        return nowMs - startedMs >= learningMs;
    }

    /** Whether nothing was learned yet (such a profile is not stored: learning starts with the first profiled record). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return seen.isEmpty() && stats.isEmpty() && counters.isEmpty();
    }

    /** Whether {@code value} of {@code feature} was seen. */
    public boolean hasSeen(String feature, String value) {
        Set<String> s = seen.get(feature);
        return s != null && s.contains(value);
    }

    /** Remembers {@code value} of {@code feature}, unless the feature already holds {@code max} values. */
    public void see(String feature, String value, int max) {
        LinkedHashSet<String> s = seen.computeIfAbsent(feature, f -> new LinkedHashSet<>());
        if (s.size() < max) {
            s.add(value);
        }
    }

    /** The values of {@code feature} (empty when none). */
    public Set<String> values(String feature) {
        Set<String> s = seen.get(feature);
        return s == null ? Set.of() : s;
    }

    /** The statistic of {@code metric}, created when absent. */
    public Welford stat(String metric) {
        return stats.computeIfAbsent(metric, m -> new Welford());
    }
}
