package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Ids;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.JsonLimitsCustomizer;
import dev.vigil.web.input.JsonBodies;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parsing of GuardDuty request members with GuardDuty-style 400 errors naming the member. */
public final class Requests {

    private Requests() {
    }

    /**
     * The request body as JSON; an empty body is {@code {}}.
     *
     * @throws GuardDutyException 400 for JSON that is malformed or breaks a limit (the message names the limit, never
     *         a Java type), 413 for a document over {@link JsonLimitsCustomizer#MAX_JSON_BYTES} ({@link JsonBodies})
     */
    public static JsonNode body(String body) {
        return JsonBodies.object(body);
    }

    /** Integer member {@code name} within [min, max], or {@code dflt} when absent. */
    public static int integer(JsonNode body, String name, int min, int max, int dflt) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() && !v.isTextual() || v.isTextual() && !v.asText().matches("\\d+")) {
            throw GuardDutyException.badRequest("The request is rejected because the " + name + " is not an integer.");
        }
        int n = v.asInt();
        if (n < min || n > max) {
            throw GuardDutyException.badRequest("The request is rejected because the " + name + " must be between "
                    + min + " and " + max + ".");
        }
        return n;
    }

    /** String member {@code name}, or {@code null}. */
    public static String string(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw GuardDutyException.badRequest("The request is rejected because " + name + " must be a string.");
        }
        return v.asText();
    }

    /** String member {@code name} that must be one of {@code allowed}, or {@code null}. */
    public static String oneOf(JsonNode body, String name, Set<String> allowed) {
        String v = string(body, name);
        if (v != null && !allowed.contains(v)) {
            throw GuardDutyException.badRequest("The request is rejected because " + name + " must be one of "
                    + allowed.stream().sorted().toList() + ".");
        }
        return v;
    }

    /** List-of-strings member {@code name} with at most {@code max} entries; required when {@code required}. */
    public static List<String> strings(JsonNode body, String name, int max, boolean required) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw GuardDutyException.badRequest("The request is rejected because " + name + " is required.");
            }
            return List.of();
        }
        if (!v.isArray()) {
            throw GuardDutyException.badRequest("The request is rejected because " + name + " must be a list of strings.");
        }
        if (v.size() > max) {
            throw GuardDutyException.badRequest("The request is rejected because " + name + " has more than " + max
                    + " entries.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw GuardDutyException.badRequest("The request is rejected because " + name + " must be a list of strings.");
            }
            if (!out.contains(s.asText())) {
                out.add(s.asText());
            }
        }
        return out;
    }

    /**
     * The {@code findingIds} member (required): at most 50 IDs (GuardDuty's limit), each 32 lowercase hex characters.
     *
     * @throws GuardDutyException 400 when missing, longer than 50, or an ID is malformed
     */
    public static List<String> findingIds(JsonNode body) {
        List<String> ids = strings(body, "findingIds", 50, true);
        for (String id : ids) {
            String problem = Ids.problem("findingId", id);
            if (problem != null) {
                throw GuardDutyException.badRequest(problem.replace("the findingId is", "findingIds contains a value that is"));
            }
        }
        return ids;
    }
}
