package dev.vigil.detector.behavior;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the behavioural (learned-baseline) detections ({@code detector.behavior.*}).
 *
 * <p>GuardDuty does not publish its learning periods or thresholds; its user guide says only that it "establishes
 * a baseline" per resource over time. Every number below is Vigil's own default, documented where it is used.
 */
@ConfigMapping(prefix = "detector.behavior")
public interface BehaviorConfig {

    /**
     * How long, in EVENT time from the first record of a resource (or principal, or tenant for domains), a baseline
     * only learns and never reports (default 7 days).
     */
    @WithDefault("P7D")
    Duration learningPeriod();

    /** At most this many distinct values are remembered per profiled feature (bounds the state per resource). */
    @WithDefault("2000")
    int maxValuesPerFeature();

    /** Behavior:EC2/TrafficVolumeUnusual. */
    Traffic traffic();

    /** Backdoor:EC2/Spambot. */
    Spambot spambot();

    /** Trojan:EC2/DGADomainRequest.B. */
    Dga dga();

    /** Discovery:IAMUser/AnomalousBehavior on a burst of read calls. */
    Burst burst();

    /** Traffic-volume settings. */
    interface Traffic {
        /** Flow bytes must exceed mean + zScore x standard deviation of the ENI's learned outbound flows. */
        @WithDefault("6.0")
        double zScore();

        /** The baseline needs at least this many learned flows before the statistic is trusted. */
        @WithDefault("20")
        long minSamples();

        /** And the flow must carry at least this many bytes (ignores tiny absolute volumes). */
        @WithDefault("10000000")
        long minBytes();
    }

    /** Spambot settings. */
    interface Spambot {
        /** Distinct remote hosts on port 25 (never used while learning) at which the finding fires. */
        @WithDefault("10")
        int minHosts();
    }

    /** DGA settings. */
    interface Dga {
        /** Names whose registrable label is shorter than this are never scored (too little signal). */
        @WithDefault("7")
        int minLabelLength();
    }

    /** Read-call burst settings. */
    interface Burst {
        /** Bucket of event time in which read calls are counted (default 10 minutes). */
        @WithDefault("PT10M")
        Duration bucket();

        /** A burst needs at least this many read calls in one bucket. */
        @WithDefault("100")
        long minCalls();

        /** And more than this factor times the principal's learned mean per active bucket. */
        @WithDefault("10.0")
        double factor();
    }
}
