package dev.vigil.detector.rules.window;

import java.util.function.Supplier;

/**
 * One record's contribution to a windowed detection, keyed by {@link #groupKey()} on its way to the window store.
 *
 * @param rule      the windowed rule
 * @param key       what the rule counts together; its text is the finding's aggregation key
 * @param element   what is counted distinctly (a port, an address, a query), or {@code null} when only the number of
 *                  records counts
 * @param packets   packets of the flow (0 for DNS and CloudTrail)
 * @param bytes     bytes of the flow (0 for DNS and CloudTrail)
 * @param eventTime UTC epoch ms
 * @param resource  the GuardDuty resource JSON (text) of this record, written only when asked: a window asks for it
 *                  only when this record makes it cross its threshold (issue 26: writing both blocks as JSON for every
 *                  observation cost about 2 % of the detector's CPU, storing them in every window most of its state)
 * @param action    the GuardDuty action JSON (text) of this record, written only when asked
 * @param detail    rule-specific detail (the local address of a probe, the user name of a console login)
 */
public record Observation(Rule rule, String accountId, String region, String detectorId, WindowKey key,
        String element, long packets, long bytes, long eventTime, Supplier<String> resource, Supplier<String> action,
        String detail) {

    /** The record key of the observation in the window: rule, account, region and aggregation key. */
    public String groupKey() {
        return rule + "|" + accountId + "|" + region + "|" + key.text();
    }
}
