package dev.vigil.detector.rules.window;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashSet;

/**
 * The state of one windowed detection in one window: how many records, packets and bytes, the distinct elements
 * (capped at {@link #MAX_ELEMENTS}, far above any threshold), the first and last event times, the first record's
 * detail and, once the window crossed its rule's threshold, the resource and action of the record that made it cross
 * ({@link #describe}; a window under its threshold, most of them, keeps no JSON blocks). Mutable, serialised as JSON
 * in the window store and its changelog, leaving out members at their defaults (zero, empty, absent).
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
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

    /**
     * Takes the finding's resource and action from {@code o} (the record that made the window cross its threshold)
     * unless the window has them already; returns this.
     */
    public WindowAgg describe(Observation o) {
        if (resource == null) {
            resource = o.resource().get();
            action = o.action().get();
        }
        return this;
    }

    /** Adds one observation (in place) and returns this. */
    public WindowAgg add(Observation o) {
        if (rule == null) {
            rule = o.rule();
            accountId = o.accountId();
            region = o.region();
            detectorId = o.detectorId();
            key = o.key();
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
