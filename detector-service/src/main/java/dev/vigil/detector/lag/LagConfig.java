package dev.vigil.detector.lag;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Consumer-lag monitoring of the detector's log topics ({@code detector.lag.*}). */
@ConfigMapping(prefix = "detector.lag")
public interface LagConfig {

    /** Off in the module tests, which have no broker. */
    @WithDefault("true")
    boolean enabled();

    /** The topics whose lag is measured: the three log topics. */
    @WithDefault("vigil.flow-logs.v1,vigil.dns-logs.v1,vigil.cloudtrail.v1")
    List<String> topics();

    /** How often the lag is sampled from the broker. */
    @WithDefault("PT15S")
    Duration pollInterval();

    /**
     * How long a topic's lag may keep growing before the health output warns and a WARN line is logged. Five
     * minutes: flow logs arrive in bursts every few minutes (AWS aggregates over 1 or 10 minutes), so a burst's
     * backlog is normal; lag still growing after several bursts means the detector does not keep up.
     */
    @WithDefault("PT5M")
    Duration warnAfter();
}
