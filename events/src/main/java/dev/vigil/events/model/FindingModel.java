package dev.vigil.events.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The GuardDuty API model's shapes for a finding, and a check that a finding's JSON has exactly the types the model
 * declares, so the AWS SDKs' unmarshallers read every member Vigil writes.
 *
 * <p>The shapes are those reachable from {@code Finding} in the botocore model {@code guardduty/2017-11-28}
 * ({@code shared/reference/guardduty-2017-11-28.service-2.json}), documentation removed, vendored as
 * {@code guardduty-finding-shapes.json}. Rules are those of the rest-json protocol: a structure is an object whose
 * members are the declared {@code locationName}s; a list an array; a map an object; {@code string} (with its
 * {@code enum}, if any) and {@code blob} a string; {@code integer}/{@code long} an integral number;
 * {@code double}/{@code float} a number; {@code boolean} a boolean; {@code timestamp} an epoch-seconds number (or an
 * ISO-8601 string where the shape says {@code timestampFormat: iso8601}). JSON {@code null} is allowed anywhere.
 */
public final class FindingModel {

    private static final String RESOURCE = "guardduty-finding-shapes.json";
    private static final FindingModel INSTANCE = load();

    private final JsonNode shapes;
    private final Map<String, Map<String, String>> membersByLocation = new HashMap<>();

    private FindingModel(JsonNode shapes) {
        this.shapes = shapes;
        shapes.fields().forEachRemaining(e -> {
            if ("structure".equals(e.getValue().path("type").asText())) {
                Map<String, String> byLocation = new HashMap<>();
                e.getValue().path("members").fields().forEachRemaining(m ->
                        byLocation.put(m.getValue().path("locationName").asText(m.getKey()),
                                m.getValue().path("shape").asText()));
                membersByLocation.put(e.getKey(), byLocation);
            }
        });
    }

    /** The vendored model. */
    public static FindingModel guardDuty() {
        return INSTANCE;
    }

    private static FindingModel load() {
        try (InputStream in = FindingModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the events module");
            }
            return new FindingModel(Json.MAPPER.readTree(in).path("shapes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where {@code finding} departs from shape {@code Finding}.
     *
     * @return one line per departure, {@code <json path>: <problem>}; empty when the finding conforms
     */
    public List<String> violations(JsonNode finding) {
        return violations("Finding", finding);
    }

    /** Where {@code value} departs from the model's shape {@code shapeName} (see {@link #violations(JsonNode)}). */
    public List<String> violations(String shapeName, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(shapeName, value, "$", out);
        return out;
    }

    private void check(String shapeName, JsonNode value, String path, List<String> out) {
        if (value == null || value.isNull()) {
            return;
        }
        JsonNode shape = shapes.path(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    out.add(path + ": expected an object (" + shapeName + "), found " + value.getNodeType());
                    return;
                }
                Map<String, String> members = membersByLocation.get(shapeName);
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String member = members.get(e.getKey());
                    if (member == null) {
                        out.add(path + "." + e.getKey() + ": not a member of " + shapeName);
                    } else {
                        check(member, e.getValue(), path + "." + e.getKey(), out);
                    }
                }
            }
            case "list" -> {
                if (!value.isArray()) {
                    out.add(path + ": expected an array (" + shapeName + "), found " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(shape.path("member").path("shape").asText(), value.get(i), path + "[" + i + "]", out);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    out.add(path + ": expected an object (map " + shapeName + "), found " + value.getNodeType());
                    return;
                }
                value.fields().forEachRemaining(e ->
                        check(shape.path("value").path("shape").asText(), e.getValue(), path + "." + e.getKey(), out));
            }
            case "string", "blob" -> {
                if (!value.isTextual()) {
                    out.add(path + ": expected a string (" + shapeName + "), found " + value.getNodeType());
                } else if (shape.has("enum") && !contains(shape.path("enum"), value.asText())) {
                    out.add(path + ": '" + value.asText() + "' is not a value of enum " + shapeName);
                }
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    out.add(path + ": expected an integral number (" + shapeName + "), found " + value.getNodeType());
                }
            }
            case "double", "float" -> {
                if (!value.isNumber()) {
                    out.add(path + ": expected a number (" + shapeName + "), found " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(path + ": expected a boolean (" + shapeName + "), found " + value.getNodeType());
                }
            }
            case "timestamp" -> {
                boolean iso = "iso8601".equals(shape.path("timestampFormat").asText());
                if (iso ? !value.isTextual() : !value.isNumber()) {
                    out.add(path + ": expected " + (iso ? "an ISO-8601 string" : "epoch seconds") + " (" + shapeName
                            + "), found " + value.getNodeType());
                }
            }
            default -> out.add(path + ": shape " + shapeName + " is not in the model");
        }
    }

    private static boolean contains(JsonNode values, String v) {
        for (JsonNode e : values) {
            if (e.asText().equals(v)) {
                return true;
            }
        }
        return false;
    }
}
