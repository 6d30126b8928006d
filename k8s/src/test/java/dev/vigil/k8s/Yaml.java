package dev.vigil.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** YAML and JSON reading/writing for the manifests (Jackson YAML dataformat). */
final class Yaml {

    /** Mapper for reading multi-document YAML and writing generated manifests. */
    static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .build();
    /** Plain JSON mapper. */
    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    /** Every non-empty document of a (multi-document) YAML text, as trees. */
    static List<JsonNode> readAll(String text) {
        try (var parser = YAML.getFactory().createParser(text)) {
            List<JsonNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code node.at(pointer)} as text, or {@code null} when missing. */
    static String text(JsonNode node, String pointer) {
        JsonNode n = node.at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** A fresh object node. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
