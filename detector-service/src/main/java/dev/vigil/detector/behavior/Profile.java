package dev.vigil.detector.behavior;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A learned baseline of one resource (ENI, principal, or tenant), stored in a persistent, changelogged key-value
 * store in {@link ProfileSerde}'s binary form (JSON before issue 26's tenth pass, still read): when learning started
 * (event time), the distinct values seen per feature (capped), and streaming statistics per metric.
 *
 * <p>Rules change a profile only through its methods ({@link #see}, {@link #learn}, {@link #putCounter} and the
 * others; the public fields are for the serdes), which count the changes in {@link #revision()}: the profile stage
 * stores a profile only when a record changed it (issue 26, eleventh pass: most outbound flows teach an interface's
 * resolver profile nothing, yet each rewrote it at the next commit, 263,408 changelog records per benchmark run).
 */
public final class Profile {

    /** UTC epoch ms of the first record learned (event time). */
    public long startedMs;
    /**
     * UTC epoch ms of the latest record (event time) as of the profile's last change: a record that teaches the
     * profile nothing does not rewrite it for this alone.
     */
    public long lastMs;
    /** Distinct values seen per feature (e.g. {@code remotePort} -> {@code ["443","53"]}). */
    public Map<String, LinkedHashSet<String>> seen = new TreeMap<>();
    /** Streaming statistics per metric. */
    public Map<String, Welford> stats = new TreeMap<>();
    /** Free counters and markers (e.g. the current burst bucket). */
    public Map<String, Long> counters = new TreeMap<>();
    /** Changes made through the methods since this object was created (not stored). */
    private long revision;

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
            revision++;
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
        LinkedHashSet<String> s = seen.get(feature);
        if (s == null) {
            s = new LinkedHashSet<>();
            seen.put(feature, s);
            revision++;
        }
        if (s.size() < max && s.add(value)) {
            revision++;
        }
    }

    /** Forgets every value of {@code feature}. */
    public void forget(String feature) {
        if (seen.remove(feature) != null) {
            revision++;
        }
    }

    /** The values of {@code feature} (empty when none). */
    public Set<String> values(String feature) {
        Set<String> s = seen.get(feature);
        return s == null ? Set.of() : s;
    }

    /** The statistic of {@code metric} (an empty one, not stored, when none was learned): read it, {@link #learn}. */
    public Welford stat(String metric) {
        Welford w = stats.get(metric);
        return w != null ? w : new Welford();
    }

    /** Adds {@code x} to the statistic of {@code metric}. */
    public void learn(String metric, double x) {
        stats.computeIfAbsent(metric, m -> new Welford()).add(x);
        revision++;
    }

    /** Counter {@code name}, or {@code absent} when it has none. */
    public long counter(String name, long absent) {
        Long v = counters.get(name);
        return v != null ? v : absent;
    }

    /** Sets counter {@code name} to {@code value}. */
    public void putCounter(String name, long value) {
        Long old = counters.put(name, value);
        if (old == null || old != value) {
            revision++;
        }
    }

    /** Sets counter {@code name} to {@code value} unless it has one. */
    public void putCounterIfAbsent(String name, long value) {
        if (counters.putIfAbsent(name, value) == null) {
            revision++;
        }
    }

    /** Adds one to counter {@code name} (absent: 0) and returns the new value. */
    public long incrementCounter(String name) {
        revision++;
        return counters.merge(name, 1L, Long::sum);
    }

    /**
     * How many changes the methods made to this object: a profile whose revision is unchanged after a record need not
     * be stored again ({@link #lastMs} alone does not count). Starts at 0 for every profile read from a store.
     */
    public long revision() {
        return revision;
    }
}
