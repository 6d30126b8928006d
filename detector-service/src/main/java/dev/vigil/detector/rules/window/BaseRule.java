package dev.vigil.detector.rules.window;

import java.time.Duration;

/** What every windowed rule has: which {@link Rule} it is and its window size. */
abstract class BaseRule<R> implements WindowedRule<R> {

    private final Rule rule;
    private final Duration window;

    BaseRule(Rule rule, Duration window) {
        this.rule = rule;
        this.window = window;
    }

    @Override
    public final Rule rule() {
        return rule;
    }

    @Override
    public final Duration window() {
        return window;
    }
}
