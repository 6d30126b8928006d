package dev.vigil.web.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.events.Json;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.JsonLimitsCustomizer;

/**
 * A request body read as text and parsed here, for operations that accept any Content-Type (a bodyless or
 * hand-written call reaches the security check and the operation's own answer, never a 415), with the same JSON
 * limits as every other body.
 */
public final class JsonBodies {

    private static final ObjectMapper REQUESTS = JsonLimitsCustomizer.limit(Json.MAPPER.copy());

    private JsonBodies() {
    }

    /**
     * The JSON object {@code body}; an empty object for no body.
     *
     * @throws GuardDutyException 400 (413 beyond the size limit) when it is not JSON, 400 when not an object
     */
    public static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = REQUESTS.readTree(body);
        } catch (JsonProcessingException e) {
            throw GuardDutyException.invalidJson(e);
        }
        if (node == null || !node.isObject()) {
            throw GuardDutyException.badRequest("The request body must be a JSON object.");
        }
        return node;
    }
}
