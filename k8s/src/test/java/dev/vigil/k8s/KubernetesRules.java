package dev.vigil.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of a structural schema that JSON Schema cannot express, checked on a resource offline:
 * {@code x-kubernetes-validations} (CEL rules, evaluated with CEL-Java, {@code dev.cel:cel}) and the key
 * uniqueness of {@code x-kubernetes-list-type: map} lists ({@code x-kubernetes-list-map-keys}).
 *
 * <p>A rule that uses {@code oldSelf} (a transition rule: needs the stored object) or a function of the Kubernetes
 * CEL library that CEL-Java's standard environment lacks (quantity, URL, IP helpers) cannot be evaluated here: it
 * is counted in {@link Result#notEvaluable()} instead. As in the API server, a rule that fails to evaluate (for
 * example it reads a field that is absent) is a violation.
 */
final class KubernetesRules {

    /** Violations (JSON Pointer to the value, then the message) and the number of rules that could not run. */
    record Result(List<String> violations, int evaluated, int notEvaluable) {
    }

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    /** Compiled rules; empty when the rule cannot be compiled in the standard environment. */
    private static final Map<String, Optional<CelRuntime.Program>> PROGRAMS = new ConcurrentHashMap<>();

    private final List<String> violations = new ArrayList<>();
    private int evaluated;
    private int notEvaluable;

    private KubernetesRules() {
    }

    /** Checks {@code instance} against the rules of {@code openApiV3Schema} (the raw CRD schema). */
    static Result check(JsonNode openApiV3Schema, JsonNode instance) {
        KubernetesRules rules = new KubernetesRules();
        rules.walk(openApiV3Schema, instance, "");
        return new Result(List.copyOf(rules.violations), rules.evaluated, rules.notEvaluable);
    }

    private void walk(JsonNode schema, JsonNode value, String pointer) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            evaluate(rule, value, pointer);
        }
        if (value.isArray() && "map".equals(schema.path("x-kubernetes-list-type").asText())) {
            checkMapKeys(schema.path("x-kubernetes-list-map-keys"), value, pointer);
        }
        if (value.isObject()) {
            schema.path("properties").fields().forEachRemaining(p ->
                    walk(p.getValue(), value.get(p.getKey()), pointer + "/" + p.getKey()));
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isObject()) {
                value.fields().forEachRemaining(f -> walk(additional, f.getValue(), pointer + "/" + f.getKey()));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.get("items"), value.get(i), pointer + "/" + i);
            }
        }
    }

    private void evaluate(JsonNode rule, JsonNode value, String pointer) {
        String expression = rule.path("rule").asText();
        Optional<CelRuntime.Program> program = expression.contains("oldSelf") ? Optional.empty()
                : PROGRAMS.computeIfAbsent(expression, KubernetesRules::compile);
        if (program.isEmpty()) {
            notEvaluable++;
            return;
        }
        evaluated++;
        String message = rule.path("message").asText("failed rule: " + expression);
        try {
            Object result = program.get().eval(Map.of("self", toCel(value)));
            if (!Boolean.TRUE.equals(result)) {
                violations.add(pointer + ": " + message + " (rule " + expression + ")");
            }
        } catch (CelEvaluationException e) {
            violations.add(pointer + ": " + message + " (rule " + expression + " failed: " + e.getMessage() + ")");
        }
    }

    private static Optional<CelRuntime.Program> compile(String expression) {
        CelValidationResult compiled = COMPILER.compile(expression);
        if (compiled.hasError()) {
            return Optional.empty();
        }
        try {
            CelAbstractSyntaxTree ast = compiled.getAst();
            return Optional.of(RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            return Optional.empty();
        }
    }

    private void checkMapKeys(JsonNode keys, JsonNode list, String pointer) {
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            List<String> key = new ArrayList<>();
            for (JsonNode k : keys) {
                key.add(list.get(i).path(k.asText()).toString());
            }
            if (!seen.add(key)) {
                violations.add(pointer + "/" + i + ": duplicate entry for list-map keys " + keys + " = " + key);
            }
        }
    }

    /** JSON as CEL values: objects as maps, arrays as lists, integers as long, other numbers as double. */
    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> map.put(f.getKey(), toCel(f.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toCel(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? dev.cel.common.values.NullValue.NULL_VALUE : node.asText();
    }
}
