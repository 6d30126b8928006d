package dev.vigil.e2e;

import java.util.Map;

/**
 * Where {@code ./vigil}'s local stack listens, read from the environment variables {@code ./vigil} documents
 * (README.md "Ports and configuration") with the same defaults, so the CLI and the end-to-end suite find the stack
 * that {@code ./vigil} started on any ports. The samples folder is {@value #SAMPLES_ENV}.
 */
public final class LocalStack {

    /** The environment variable naming the real log samples folder (default {@code ../shared/samples}). */
    public static final String SAMPLES_ENV = "VIGIL_SAMPLES";

    /** Component name to its port variable and default port (ARCHITECTURE.md "Ports"). */
    private static final Map<String, Map.Entry<String, Integer>> PORTS = Map.of(
        "kafka", Map.entry("VIGIL_KAFKA_PORT", 9092),
        "keycloak", Map.entry("VIGIL_KEYCLOAK_PORT", 8180),
        "ingest", Map.entry("VIGIL_INGEST_PORT", 8081),
        "detector", Map.entry("VIGIL_DETECTOR_PORT", 8082),
        "findings", Map.entry("VIGIL_FINDINGS_PORT", 8083),
        "accounts", Map.entry("VIGIL_ACCOUNTS_PORT", 8084),
        "gateway", Map.entry("VIGIL_GATEWAY_PORT", 8080),
        "s3", Map.entry("VIGIL_S3_PORT", 9000),
        "sqs", Map.entry("VIGIL_SQS_PORT", 9324),
        "console", Map.entry("VIGIL_CONSOLE_PORT", 8086));

    private LocalStack() {
    }

    /**
     * The loopback port of a component.
     *
     * @param component {@code kafka}, {@code keycloak}, {@code ingest}, {@code detector}, {@code findings},
     *                  {@code accounts}, {@code gateway} (the one API endpoint), {@code s3} (S3Proxy), {@code sqs}
     *                  (ElasticMQ) or {@code console} (the web console)
     * @throws IllegalArgumentException for another name
     */
    public static int port(String component) {
        Map.Entry<String, Integer> p = PORTS.get(component);
        if (p == null) {
            throw new IllegalArgumentException("unknown component " + component + " (one of " + PORTS.keySet() + ")");
        }
        return Integer.parseInt(env(p.getKey(), String.valueOf(p.getValue())));
    }

    /** The base URL of an HTTP component ({@code http://127.0.0.1:<port>}), see {@link #port}. */
    public static String url(String component) {
        return "http://127.0.0.1:" + port(component);
    }

    /** An environment variable, or {@code fallback} when it is unset or blank. */
    public static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
