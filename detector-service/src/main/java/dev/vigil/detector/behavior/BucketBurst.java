package dev.vigil.detector.behavior;

import java.time.Duration;

/**
 * Counts a principal's calls of one kind per event-time bucket in its {@link Profile}, for the burst rules: Discovery
 * calls ({@link CloudTrailBehavior}, {@code Discovery:IAMUser/AnomalousBehavior}) and S3 object reads
 * ({@code s3data.S3DataBehavior}, a bulk download). Only the newest bucket is counted: a record of an older bucket is
 * too late to count. When a newer bucket starts, the count of the closed one is learned into the profile's statistic
 * {@code metric} (calls per active bucket), unless that bucket fired: a burst is not learned as normal.
 *
 * <p>State: three counters of the profile, {@code <prefix>Bucket} (bucket number, event-time ms / bucket width),
 * {@code <prefix>Count} and {@code <prefix>Fired} (1 once the bucket's burst was reported).
 */
public final class BucketBurst {

    private final String bucketCounter;
    private final String countCounter;
    private final String firedCounter;
    private final String metric;
    private final long bucketMs;

    /**
     * @param prefix the counters' prefix ({@code burst}, {@code read}: names already in stored profiles)
     * @param metric the statistic a closed bucket's count is learned into
     * @param bucket the bucket width (positive)
     */
    public BucketBurst(String prefix, String metric, Duration bucket) {
        this.bucketCounter = prefix + "Bucket";
        this.countCounter = prefix + "Count";
        this.firedCounter = prefix + "Fired";
        this.metric = metric;
        this.bucketMs = bucket.toMillis();
    }

    /**
     * Counts one call at {@code t} (UTC epoch ms) in profile {@code p}.
     *
     * @return the calls of {@code t}'s bucket so far, this one included; 0 when {@code t} is of a bucket older than the
     *         newest one counted (not counted)
     */
    public long count(Profile p, long t) {
        long bucket = Math.floorDiv(t, bucketMs);
        long current = p.counter(bucketCounter, Long.MIN_VALUE);
        if (current != Long.MIN_VALUE && bucket < current) {
            return 0;
        }
        if (bucket != current) {
            if (current != Long.MIN_VALUE && !fired(p)) {
                p.learn(metric, p.counter(countCounter, 0L));
            }
            p.putCounter(bucketCounter, bucket);
            p.putCounter(countCounter, 0L);
            p.putCounter(firedCounter, 0L);
        }
        return p.incrementCounter(countCounter);
    }

    /** Whether the current bucket's burst was reported ({@link #fire}). */
    public boolean fired(Profile p) {
        return p.counter(firedCounter, 0L) != 0L;
    }

    /** Marks the current bucket's burst reported: it fires once, and its count is not learned. */
    public void fire(Profile p) {
        p.putCounter(firedCounter, 1L);
    }
}
