package dev.vigil.detector.rules.window;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashSet;

/**
 * The state of one windowed detection in one window: how many records, packets and bytes, the distinct elements
 * (capped at {@link #MAX_ELEMENTS}, far above any threshold), the first and last event times, and the first record's
 * resource and action. Mutable, serialised as JSON in the window store and its changelog.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WindowAgg {

    /** Distinct elements kept per window. */
    public static final int MAX_ELEMENTS = 1000;

    public Rule rule;
    public String accountId;
    public String region;
    public String detectorId;
    public WindowKey key;
    public long count;
    public long packets;
    public long bytes;
    public long first = Long.MAX_VALUE;
    public long last = Long.MIN_VALUE;
    public String resource;
    public String action;
    public String detail;
    public LinkedHashSet<String> elements = new LinkedHashSet<>();
    /** Distinct elements seen, including those past the cap. */
    public long distinct;
    /** The {@link #count} of the window's last emitted candidate; 0 until it crossed its rule's threshold. */
    public long emitted;

    /** Adds one observation (in place) and returns this. */
    public WindowAgg add(Observation o) {
        if (rule == null) {
            rule = o.rule();
            accountId = o.accountId();
            region = o.region();
            detectorId = o.detectorId();
            key = o.key();
            resource = o.resource();
            action = o.action();
            detail = o.detail();
        }
        count++;
        packets += o.packets();
        bytes += o.bytes();
        first = Math.min(first, o.eventTime());
        last = Math.max(last, o.eventTime());
        if (o.element() != null && !elements.contains(o.element())) {
            distinct++;
            if (elements.size() < MAX_ELEMENTS) {
                elements.add(o.element());
            }
        }
        return this;
    }
}
