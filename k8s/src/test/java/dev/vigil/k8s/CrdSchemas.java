package dev.vigil.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The vendored CRDs ({@code k8s/schemas/crds/**&#47;*.yaml}, provenance in {@code k8s/schemas/PROVENANCE.md}) and
 * the validation of a resource against the {@code openAPIV3Schema} of its {@code apiVersion} and {@code kind}:
 * JSON Schema 2020-12 with networknt's {@code json-schema-validator} on the {@link StructuralSchema} translation
 * (types, {@code required}, enums, patterns, bounds, unknown fields), then {@link KubernetesRules} (CEL rules,
 * list-map keys). Every CRD file dropped into that folder is picked up; nothing is listed by hand.
 */
final class CrdSchemas {

    /** The folder of the vendored CRDs. */
    static final Path CRDS = Manifests.ROOT.resolve("schemas/crds");

    /** One served version of a CRD: where it came from, its raw schema and the compiled JSON Schema. */
    record CrdVersion(String source, JsonNode openApiV3Schema, Schema jsonSchema) {
    }

    /** The outcome of one resource's validation. */
    record Outcome(String id, List<String> errors, int celRulesEvaluated, int celRulesNotEvaluable) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static volatile Map<String, CrdVersion> loaded;

    private CrdSchemas() {
    }

    /** Every served version of every vendored CRD, keyed {@code apiVersion + " " + kind}. */
    static Map<String, CrdVersion> all() {
        if (loaded == null) {
            synchronized (CrdSchemas.class) {
                if (loaded == null) {
                    loaded = load();
                }
            }
        }
        return loaded;
    }

    /** Whether a vendored CRD defines {@code apiVersion}/{@code kind}. */
    static boolean covers(JsonNode doc) {
        return all().containsKey(key(doc));
    }

    /** Validates one resource; requires {@link #covers(JsonNode)}. */
    static Outcome validate(JsonNode doc) {
        CrdVersion crd = all().get(key(doc));
        if (crd == null) {
            throw new IllegalArgumentException("no vendored CRD for " + key(doc));
        }
        List<String> errors = new ArrayList<>();
        for (Error e : crd.jsonSchema().validate(doc)) {
            errors.add(pointer(e.getInstanceLocation()) + ": " + e.getMessage());
        }
        KubernetesRules.Result rules = KubernetesRules.check(crd.openApiV3Schema(), doc);
        errors.addAll(rules.violations());
        return new Outcome(Manifests.id(doc), errors, rules.evaluated(), rules.notEvaluable());
    }

    /** A validator's instance location as a JSON Pointer ({@code /spec/listeners/0/type}), as KubernetesRules'. */
    private static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(path.getElement(i));
        }
        return sb.toString();
    }

    /** {@code apiVersion + " " + kind} of a resource. */
    static String key(JsonNode doc) {
        return doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
    }

    private static Map<String, CrdVersion> load() {
        Map<String, CrdVersion> map = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(CRDS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String source = CRDS.relativize(file).toString();
                for (JsonNode crd : Yaml.readAll(Files.readString(file))) {
                    if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                        continue;
                    }
                    String group = crd.at("/spec/group").asText();
                    String kind = crd.at("/spec/names/kind").asText();
                    for (JsonNode version : crd.at("/spec/versions")) {
                        if (!version.path("served").asBoolean()) {
                            continue;
                        }
                        JsonNode raw = version.at("/schema/openAPIV3Schema");
                        Schema schema = REGISTRY.getSchema(SchemaLocation.of("urn:vigil:crd:" + group + ":"
                                + version.path("name").asText() + ":" + kind), StructuralSchema.toJsonSchema(raw));
                        String key = group + "/" + version.path("name").asText() + " " + kind;
                        if (map.put(key, new CrdVersion(source, raw, schema)) != null) {
                            throw new IllegalStateException(key + " is defined by two vendored CRDs");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
