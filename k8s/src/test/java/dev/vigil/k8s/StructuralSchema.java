package dev.vigil.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns a CRD's {@code openAPIV3Schema} (a Kubernetes structural schema, OpenAPI 3.0 dialect) into a JSON Schema
 * 2020-12 document that a standard validator enforces as the API server would, as far as that is possible offline.
 *
 * <p>Rules (Kubernetes docs, "Extend the Kubernetes API with CustomResourceDefinitions", sections "Specifying a
 * structural schema", "Field pruning", "IntOrString", "RawExtension", "Validation rules"):
 * <ul>
 *   <li>an object with {@code properties} and without {@code additionalProperties} or
 *       {@code x-kubernetes-preserve-unknown-fields: true} admits no other fields: the API server prunes them, and
 *       {@code kubectl apply} (field validation {@code Strict}, the default since Kubernetes 1.27) rejects them;</li>
 *   <li>{@code x-kubernetes-int-or-string: true} admits an integer or a string;</li>
 *   <li>{@code nullable: true} admits {@code null};</li>
 *   <li>{@code x-kubernetes-list-type: set} means unique items; {@code x-kubernetes-embedded-resource: true}
 *       requires {@code apiVersion} and {@code kind};</li>
 *   <li>OpenAPI 3.0's boolean {@code exclusiveMinimum}/{@code exclusiveMaximum} become 2020-12's numeric form.</li>
 * </ul>
 * Descriptions and the remaining {@code x-kubernetes-*} keywords are dropped; the rules that JSON Schema cannot
 * express ({@code x-kubernetes-validations}, list-map keys) are checked by {@link KubernetesRules} on the raw schema.
 */
final class StructuralSchema {

    private static final Set<String> DROPPED = Set.of("description", "example", "externalDocs", "title", "nullable");

    private StructuralSchema() {
    }

    /** A JSON Schema 2020-12 document (with {@code $schema}) for a CRD version's {@code openAPIV3Schema}. */
    static ObjectNode toJsonSchema(JsonNode openApiV3Schema) {
        ObjectNode root = convert(openApiV3Schema);
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        return root;
    }

    private static ObjectNode convert(JsonNode in) {
        ObjectNode out = Yaml.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (DROPPED.contains(key) || key.startsWith("x-kubernetes-")) {
                continue;
            }
            switch (key) {
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    value.fields().forEachRemaining(p -> props.set(p.getKey(), convert(p.getValue())));
                }
                case "items", "not" -> out.set(key, convert(value));
                case "additionalProperties" -> out.set(key, value.isObject() ? convert(value) : value);
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode list = out.putArray(key);
                    value.forEach(s -> list.add(convert(s)));
                }
                case "exclusiveMinimum", "exclusiveMaximum" -> {
                    String bound = key.equals("exclusiveMinimum") ? "minimum" : "maximum";
                    if (value.asBoolean() && in.has(bound)) {
                        out.set(key, in.get(bound));
                    }
                }
                case "minimum", "maximum" -> {
                    String exclusive = key.equals("minimum") ? "exclusiveMinimum" : "exclusiveMaximum";
                    if (!in.path(exclusive).asBoolean()) {
                        out.set(key, value);
                    }
                }
                default -> out.set(key, value);
            }
        }
        if (in.path("x-kubernetes-int-or-string").asBoolean()) {
            out.remove("type");
            ArrayNode anyOf = out.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        boolean isObject = "object".equals(in.path("type").asText());
        boolean preserve = in.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        if (isObject && in.has("properties") && !in.has("additionalProperties") && !preserve) {
            out.put("additionalProperties", false);
        }
        if ("set".equals(in.path("x-kubernetes-list-type").asText())) {
            out.put("uniqueItems", true);
        }
        if (in.path("x-kubernetes-embedded-resource").asBoolean()) {
            ArrayNode required = out.has("required") ? (ArrayNode) out.get("required") : out.putArray("required");
            required.add("apiVersion").add("kind");
        }
        if (in.path("nullable").asBoolean() && out.has("type")) {
            ArrayNode types = Yaml.JSON.createArrayNode().add(out.get("type").asText()).add("null");
            out.set("type", types);
            if (out.has("enum")) {
                ((ArrayNode) out.get("enum")).addNull();
            }
        }
        return out;
    }
}
