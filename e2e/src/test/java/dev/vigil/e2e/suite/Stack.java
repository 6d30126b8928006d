package dev.vigil.e2e.suite;

import static io.restassured.RestAssured.given;

import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.LocalStack;
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
 * Where the real stack of the end-to-end suite listens ({@link LocalStack}: the same environment variables as
 * {@code ./vigil}, {@code VIGIL_ACCOUNTS_PORT}, ...) and how to get real tokens of the {@link DemoIdentities} from
 * its Keycloak.
 */
final class Stack {

    /** Cached tokens by user; a token is reused until less than {@link #MIN_VALIDITY_SECONDS} of it remain. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final long MIN_VALIDITY_SECONDS = 120;
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");
    /** Confidential clients of realm vigil (client-credentials grant) and their secrets, as ./vigil up sets them. */
    private static final Map<String, String> CLIENTS = Map.of(DemoIdentities.COLLECTOR, DemoIdentities.collectorSecret(),
            "vigil-findings-service", env("VIGIL_FINDINGS_SERVICE_CLIENT_SECRET", "findings-service-secret"));

    private Stack() {
    }

    static String env(String name, String fallback) {
        return LocalStack.env(name, fallback);
    }

    /** The base URL of {@code service} ({@code ingest}, {@code detector}, {@code findings}, {@code accounts}, {@code keycloak}). */
    static String url(String service) {
        return LocalStack.url(service);
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
                    .formParam("username", user).formParam("password", DemoIdentities.password());
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

    /** The shared samples folder ({@code VIGIL_SAMPLES}, else {@code ../shared/samples} from the project root). */
    static Path samples() {
        Path p = Path.of(env(LocalStack.SAMPLES_ENV, System.getProperty("vigil.samples.dir", "../../shared/samples")));
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("the real log samples are missing: expected them at " + p.toAbsolutePath()
                    + " (set " + LocalStack.SAMPLES_ENV + ")");
        }
        return p;
    }
}
