package dev.vigil.e2e.suite;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the real stack of the end-to-end suite listens and how to get real tokens from its Keycloak. Ports follow
 * the same environment variables as {@code ./vigil} ({@code VIGIL_ACCOUNTS_PORT}, ...).
 */
final class Stack {

    static final String ADMIN = "111111111111";
    static final String MEMBER = "222222222222";
    static final String OTHER = "333333333333";
    static final String PASSWORD = env("VIGIL_DEMO_PASSWORD", "vigil-demo");
    static final String COLLECTOR_SECRET = env("VIGIL_COLLECTOR_CLIENT_SECRET", "vigil-collector-secret");

    /** Cached tokens by user; a token is reused until less than {@link #MIN_VALIDITY_SECONDS} of it remain. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final long MIN_VALIDITY_SECONDS = 120;
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");
    /** Confidential clients of realm vigil (client-credentials grant) and their secrets, as ./vigil up sets them. */
    private static final Map<String, String> CLIENTS = Map.of("vigil-collector", COLLECTOR_SECRET,
            "vigil-findings-service", env("VIGIL_FINDINGS_SERVICE_CLIENT_SECRET", "findings-service-secret"));

    private Stack() {
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String url(String service) {
        String port = switch (service) {
            case "ingest" -> env("VIGIL_INGEST_PORT", "8081");
            case "detector" -> env("VIGIL_DETECTOR_PORT", "8082");
            case "findings" -> env("VIGIL_FINDINGS_PORT", "8083");
            case "accounts" -> env("VIGIL_ACCOUNTS_PORT", "8084");
            case "keycloak" -> env("VIGIL_KEYCLOAK_PORT", "8180");
            default -> throw new IllegalArgumentException(service);
        };
        return "http://127.0.0.1:" + port;
    }

    /**
     * An access token of a demo user, or of a confidential client ({@code vigil-collector}, {@code vigil-findings-service}) (password / client grant), valid for
     * at least {@link #MIN_VALIDITY_SECONDS} more seconds (the realm's tokens live 300 s, a whole suite run longer).
     */
    static String token(String user) {
        return TOKENS.compute(user, (u, cached) -> cached != null && secondsLeft(cached) >= MIN_VALIDITY_SECONDS
                ? cached : fetchToken(u));
    }

    private static long secondsLeft(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = EXP.matcher(payload);
        return m.find() ? Long.parseLong(m.group(1)) - Instant.now().getEpochSecond() : 0;
    }

    private static String fetchToken(String user) {
        RequestSpecification req = given().baseUri(url("keycloak")).contentType(ContentType.URLENC);
        if (CLIENTS.containsKey(user)) {
            req = req.formParam("grant_type", "client_credentials").formParam("client_id", user)
                    .formParam("client_secret", CLIENTS.get(user));
        } else {
            req = req.formParam("grant_type", "password").formParam("client_id", "vigil-cli")
                    .formParam("username", user).formParam("password", PASSWORD);
        }
        return req.post("/realms/vigil/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }

    /** A request to {@code service} as {@code user} (JSON in and out). */
    static RequestSpecification as(String user, String service) {
        return given().baseUri(url(service)).auth().oauth2(token(user)).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** A request to {@code service} without a token. */
    static RequestSpecification anonymous(String service) {
        return given().baseUri(url(service)).contentType(ContentType.JSON);
    }

    /** The shared samples folder ({@code ../shared/samples} from the project root). */
    static Path samples() {
        Path p = Path.of(env("VIGIL_SAMPLES_DIR", System.getProperty("vigil.samples.dir", "../../shared/samples")));
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("the real log samples are missing: expected them at " + p.toAbsolutePath()
                    + " (set VIGIL_SAMPLES_DIR)");
        }
        return p;
    }
}
