package dev.vigil.ingest.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.JsonLimits;
import dev.vigil.ingest.parse.Values.BadValue;

/** Reading single members of a JSON object for the JSON parsers; failures are {@link BadValue}s. */
final class JsonValues {

    private JsonValues() {
    }

    /** A scalar member as text; {@code null} when missing or JSON null. */
    static String text(JsonNode obj, String field) throws BadValue {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isContainerNode()) {
            throw new BadValue(field + ": must be a string, not " + (n.isArray() ? "an array" : "an object"));
        }
        return Values.text(field, n.asText());
    }

    /** A region member: absent, or a valid region name. */
    static String region(JsonNode obj, String field) throws BadValue {
        String r = text(obj, field);
        return r == null ? null : Values.region(field, r);
    }

    /** A member that must be an object (or absent/null). */
    static JsonNode object(JsonNode obj, String field) throws BadValue {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new BadValue(field + ": must be a JSON object");
        }
        return n;
    }

    /** A JSON member kept as JSON; {@code null} when missing or JSON null. */
    static JsonNode json(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n;
    }

    /** A boolean given as JSON boolean or as the text true/false; anything else is absent. */
    static Boolean bool(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            String t = n.textValue();
            if ("true".equalsIgnoreCase(t)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(t)) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** "invalid JSON at line L, column C: message" without Jackson's source excerpt. */
    static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String msg = Values.shorten(JsonLimits.message(e));
        return loc == null ? "invalid JSON: " + msg
                : "invalid JSON at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + msg;
    }
}
