package dev.vigil.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A part of a finding (resource, action, evidence, ...) flattened into labelled values for a definition list, so the
 * detail page shows every member the API returns, including ones added later, without a template per shape.
 *
 * @param title   the section heading
 * @param entries dotted member paths ({@code remoteIpDetails.country.countryName}, list items as {@code [0]}) and values
 */
public record Flattened(String title, List<Map.Entry<String, String>> entries) {

    /** The flattened section of {@code node}; empty when the node is missing or has no values. */
    public static Flattened of(String title, JsonNode node) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        walk("", node, entries);
        return new Flattened(title, entries);
    }

    /** Whether the section has nothing to show (the template leaves it out). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static void walk(String path, JsonNode node, List<Map.Entry<String, String>> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.add(Map.entry(path.isEmpty() ? "value" : path, node.asText()));
        }
    }
}
