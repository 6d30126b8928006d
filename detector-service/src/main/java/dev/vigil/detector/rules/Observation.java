package dev.vigil.detector.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One record's contribution to a windowed detection, keyed by {@link #groupKey()} on its way to the window store.
 *
 * @param rule      the windowed rule ({@link WindowRules.Rule} name)
 * @param aggKey    the aggregation key of the finding (for example {@code instance|remote-ip})
 * @param element   what is counted distinctly (a port, an address, a query), or {@code null} when only the number of
 *                  records counts
 * @param packets   packets of the flow (0 for DNS and CloudTrail)
 * @param bytes     bytes of the flow (0 for DNS and CloudTrail)
 * @param eventTime UTC epoch ms
 * @param resource  the GuardDuty resource JSON (text)
 * @param action    the GuardDuty action JSON (text) of this record
 * @param detail    rule-specific detail (for example the local address of a probe, or the DoS variant)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Observation(String rule, String accountId, String region, String detectorId, String aggKey,
        String element, long packets, long bytes, long eventTime, String resource, String action, String detail) {

    /** The record key of the observation in the window: rule, account, region and aggregation key. */
    public String groupKey() {
        return rule + "|" + accountId + "|" + region + "|" + aggKey;
    }
}
