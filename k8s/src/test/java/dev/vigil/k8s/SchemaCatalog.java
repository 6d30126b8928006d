package dev.vigil.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Which schema checks a kind ({@code k8s/schemas/schemas.json}, shared with {@code validate.mjs}): a vendored CRD
 * ({@link CrdSchemas}), else the first npm model package whose {@code apiGroups} list the kind's API group (run by
 * {@code validate.sh}), else a declared gap. A kind with none of these has no schema, which the tests reject.
 */
final class SchemaCatalog {

    private static final JsonNode CATALOG = read();

    private SchemaCatalog() {
    }

    /** {@code crd <file>}, {@code npm <package>@<version>}, {@code gap: <reason>}, or {@code null} (no schema). */
    static String sourceOf(JsonNode doc) {
        if (CrdSchemas.covers(doc)) {
            return "crd " + CrdSchemas.all().get(CrdSchemas.key(doc)).source();
        }
        String apiVersion = doc.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        for (JsonNode pkg : CATALOG.path("npmModels")) {
            for (JsonNode g : pkg.path("apiGroups")) {
                if (g.asText().equals(group)) {
                    return "npm " + pkg.path("package").asText() + "@" + pkg.path("version").asText();
                }
            }
        }
        JsonNode gap = CATALOG.path("gaps").get(group);
        return gap == null ? null : "gap: " + gap.asText();
    }

    private static JsonNode read() {
        try {
            return Yaml.JSON.readTree(Manifests.ROOT.resolve("schemas/schemas.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
