package dev.vigil.detector.commits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Commit pacing ({@code detector.commits.*}, {@link CommitPacing}): exactly-once commits every
 * {@link #caughtUpInterval()} while the detector keeps up with its input, and every {@code kafka-streams.commit.interval.ms}
 * while it works through a backlog.
 */
@ConfigMapping(prefix = "detector.commits")
public interface CommitsConfig {

    /** Off: every commit waits for {@code kafka-streams.commit.interval.ms}. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often a task that keeps up with its input commits (default 200 ms). Every commit ends an exactly-once
     * transaction, and only then do read_committed readers see its output, so this bounds each hop's delay (issue 18:
     * the attack-sequence update, two hops, under 2 s).
     */
    @WithDefault("PT0.2S")
    Duration caughtUpInterval();

    /**
     * The detector is behind when its stream threads' consumers have at least this many records of the log topics
     * still to fetch (default 20,000: a caught-up consumer has a few hundred between fetches; about a second of
     * ingest-service's accepted rate on the local stack).
     */
    @WithDefault("20000")
    long backlogRecords();

    /** How often the consumers' lag is read from their metrics (default 1 s). */
    @WithDefault("PT1S")
    Duration checkInterval();
}
