package dev.vigil.events.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;

/**
 * GuardDuty's {@code service.additionalInfo} (model shape {@code ServiceAdditionalInfo}): {@code {"value": "<a JSON
 * object as a string>", "type": "default"}}, as GuardDuty's own findings carry it (e.g.
 * {@code "value":"{\"threatListName\":\"ProofPoint\",\"sample\":true}"}). Vigil's rules build the inner object; this
 * class wraps it for the finding and reads it back (also from findings stored before the wrapping, whose
 * {@code additionalInfo} was the inner object itself).
 */
public final class AdditionalInfo {

    /** The pointer of {@code service.additionalInfo} in a finding document. */
    public static final String POINTER = "/service/additionalInfo";
    /** GuardDuty's {@code type} for this block. */
    public static final String TYPE = "default";

    private AdditionalInfo() {
    }

    /** The {@code ServiceAdditionalInfo} for {@code info} (an object of free-form members); {@code null} for null. */
    public static ObjectNode wrap(JsonNode info) {
        if (info == null || info.isNull() || isWrapped(info)) {
            return (ObjectNode) info;
        }
        return Json.MAPPER.createObjectNode().put("value", Json.write(info)).put("type", TYPE);
    }

    /** Whether {@code block} already has the model's shape (only {@code value} and {@code type}, both strings). */
    public static boolean isWrapped(JsonNode block) {
        return block.isObject() && block.path("value").isTextual() && block.size() <= 2
                && (block.size() == 1 || block.path("type").isTextual());
    }

    /** The free-form members of {@code block} (wrapped or stored the old way); an empty object if none. */
    public static JsonNode members(JsonNode block) {
        if (block == null || !block.isObject()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!isWrapped(block)) {
            return block;
        }
        try {
            JsonNode inner = Json.MAPPER.readTree(block.get("value").asText());
            return inner != null && inner.isObject() ? inner : Json.MAPPER.createObjectNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    /**
     * {@code doc.at(pointer)}, except that a pointer inside {@code service.additionalInfo} (e.g.
     * {@code /service/additionalInfo/threatListName}) is read from the block's free-form members.
     */
    public static JsonNode at(JsonNode doc, String pointer) {
        if (pointer.startsWith(POINTER + "/")) {
            JsonNode block = doc.at(POINTER);
            return block.isMissingNode() ? MissingNode.getInstance()
                    : members(block).at(pointer.substring(POINTER.length()));
        }
        return doc.at(pointer);
    }
}
