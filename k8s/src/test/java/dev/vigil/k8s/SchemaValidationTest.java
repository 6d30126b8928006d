package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered resource of every overlay and component against a schema (k8s/schemas): the custom resources
 * with a vendored CRD here (JSON Schema + CEL rules), the others by validate.sh's npm models; a kind without a
 * schema fails unless schemas.json declares its API group a gap. The deliberately broken resources of
 * {@code schemas/broken-resources.yaml} must fail, each for its planted defect only.
 */
class SchemaValidationTest {

    static List<String> sources() {
        return Manifests.allSources();
    }

    @ParameterizedTest
    @MethodSource("sources")
    void everyCustomResourceWithAVendoredCrdMatchesItsSchema(String source) {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH: " + source + " not rendered");
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int cel = 0;
        for (JsonNode doc : Manifests.renderedSource(source)) {
            if (!CrdSchemas.covers(doc)) {
                continue;
            }
            CrdSchemas.Outcome outcome = CrdSchemas.validate(doc);
            outcome.errors().forEach(e -> errors.add(outcome.id() + " " + e));
            cel += outcome.celRulesEvaluated();
            byKind.merge(doc.path("kind").asText(), 1, Integer::sum);
        }
        System.out.printf("%s: checked against vendored CRDs %s, %d CEL rule evaluations%n", source, byKind, cel);
        assertThat(errors).as(source + " resources that violate their CRD").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("sources")
    void everyRenderedKindHasASchemaOrIsADeclaredGap(String source) {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH: " + source + " not rendered");
        Map<String, String> sourceByKind = new TreeMap<>();
        for (JsonNode doc : Manifests.renderedSource(source)) {
            String schema = SchemaCatalog.sourceOf(doc);
            assertThat(schema).as(CrdSchemas.key(doc) + " (" + Manifests.id(doc) + ") has no schema: vendor its CRD"
                    + " under k8s/schemas/crds or name its npm models in k8s/schemas/schemas.json").isNotNull();
            sourceByKind.put(CrdSchemas.key(doc), schema);
        }
        assertThat(sourceByKind).isNotEmpty();
    }

    @Test
    void theVendoredCrdsServeStrimzisV1Api() {
        assertThat(CrdSchemas.all().keySet()).contains("kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool",
                "kafka.strimzi.io/v1 KafkaTopic", "kafka.strimzi.io/v1 KafkaUser");
        assertThat(CrdSchemas.all().keySet()).noneMatch(k -> k.startsWith("kafka.strimzi.io/v1beta2"));
    }

    @Test
    void everyBrokenResourceFailsForItsPlantedDefectOnly() throws IOException {
        List<JsonNode> broken = Yaml.readAll(Files.readString(Manifests.ROOT.resolve("schemas/broken-resources.yaml")));
        int checkedHere = 0;
        for (JsonNode doc : broken) {
            String at = Yaml.text(doc, "/metadata/annotations/vigil.dev~1broken-at");
            assertThat(at).as(Manifests.id(doc) + " names its defect").isNotBlank();
            String schema = SchemaCatalog.sourceOf(doc);
            if (at.equals("/apiVersion")) {
                assertThat(schema).as(CrdSchemas.key(doc) + " must have no schema").isNull();
                checkedHere++;
                continue;
            }
            assertThat(schema).as(CrdSchemas.key(doc) + " has a schema").isNotNull().doesNotStartWith("gap");
            if (!CrdSchemas.covers(doc)) {
                continue; // an npm-modelled kind: validate.sh checks it
            }
            List<String> errors = CrdSchemas.validate(doc).errors();
            assertThat(errors).as(Manifests.id(doc) + " must be rejected").isNotEmpty();
            assertThat(errors).as(Manifests.id(doc) + " fails only at " + at)
                    .allMatch(e -> e.startsWith(at + "/") || e.startsWith(at + ":"));
            checkedHere++;
        }
        assertThat(checkedHere).as("broken Strimzi resources checked against the vendored CRDs").isGreaterThanOrEqualTo(6);
    }
}
