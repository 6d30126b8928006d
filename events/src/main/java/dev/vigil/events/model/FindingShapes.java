package dev.vigil.events.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Brings a finding written before Vigil followed the GuardDuty model in every member up to the model's shapes
 * (checked by {@link FindingModel}): a free-form {@code service.additionalInfo} becomes {@code {value, type}}
 * ({@link AdditionalInfo}) and an {@code awsApiCallAction.userAgent} object becomes its {@code fullUserAgent}
 * string. Findings stored on a stack that ran an older detector are answered in the model's shapes this way.
 */
public final class FindingShapes {

    private FindingShapes() {
    }

    /** Upgrades {@code doc} in place (a no-op on a conforming finding) and returns it. */
    public static ObjectNode conform(ObjectNode doc) {
        JsonNode service = doc.get("service");
        if (service instanceof ObjectNode s) {
            JsonNode info = s.get("additionalInfo");
            if (info != null && !info.isNull() && !AdditionalInfo.isWrapped(info)) {
                s.set("additionalInfo", AdditionalInfo.wrap(info));
            }
            JsonNode call = s.path("action").path("awsApiCallAction");
            if (call instanceof ObjectNode c && c.path("userAgent").isObject()) {
                c.put("userAgent", c.path("userAgent").path("fullUserAgent").asText(null));
            }
        }
        return doc;
    }
}
