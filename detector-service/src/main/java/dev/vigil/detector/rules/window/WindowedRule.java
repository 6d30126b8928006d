package dev.vigil.detector.rules.window;

import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Tenant;
import java.time.Duration;
import java.util.Optional;

/**
 * One windowed detection: what a record contributes ({@link #observe}) and what a window of contributions amounts
 * to ({@link #evaluate}). Windows are event-time tumbling windows of {@link #window()}, aligned to the epoch.
 *
 * @param <R> what the rule observes: a {@link dev.vigil.detector.rules.FlowView}, a DNS or a CloudTrail record
 */
public interface WindowedRule<R> {

    /** Which rule this is. */
    Rule rule();

    /** The window size. */
    Duration window();

    /** The contribution of one record of {@code tenant}, if it is one this rule counts. */
    Optional<Observation> observe(R record, Tenant tenant);

    /** Whether a window's counts reach the rule's threshold (cheap: checked on every record). */
    boolean crossed(WindowAgg window);

    /**
     * The finding of a window, if its counts reach the rule's threshold.
     *
     * @param windowStart UTC epoch ms, the window's start (the candidate's evidence)
     */
    Optional<Hit> evaluate(WindowAgg window, long windowStart);
}
