package dev.vigil.detector.rules.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.events.Json;
import java.util.List;
import java.util.Optional;

/** What the windowed rules share: a flow record's observation and a window's hit with its {@code additionalInfo}. */
final class WindowHits {

    private WindowHits() {
    }

    /** The observation of flow {@code v} for {@code rule}, with the flow's resource and action. */
    static Observation flow(Rule rule, Tenant t, WindowKey key, String element, FlowView v, String detail) {
        return new Observation(rule, t.accountId(), t.region(), t.detectorId(), key, element, v.packets(), v.bytes(),
                v.flow().eventTimeMillis(), () -> Json.write(v.resource()), () -> Json.write(v.action()), detail);
    }

    /**
     * The hit of window {@code a}: its aggregation key, evidence {@code window:<start>}, count, first and last seen,
     * and {@code additionalInfo} with the window's record count (and distinct count, packets and bytes if any).
     */
    static Optional<Hit> hit(WindowAgg a, long windowStart, String type, double severity, String description,
            JsonNode action, String role) {
        ObjectNode info = Blocks.object();
        info.put("windowCount", a.count);
        if (a.distinct > 0) {
            info.put("distinctCount", a.distinct);
        }
        if (a.packets > 0) {
            info.put("packets", a.packets);
            info.put("bytes", a.bytes);
        }
        return Optional.of(new Hit(type, severity, description, description, a.key.text(), "window:" + windowStart,
                read(a.resource), action, role, List.of(), a.count, a.first, a.last, info));
    }

    /** The action of the record that made window {@code a} cross its threshold ({@link WindowAgg#describe}). */
    static JsonNode action(WindowAgg a) {
        return read(a.action);
    }

    private static JsonNode read(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("window state holds invalid JSON", e);
        }
    }
}
