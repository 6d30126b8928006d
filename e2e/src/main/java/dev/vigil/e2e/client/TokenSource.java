package dev.vigil.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gets and caches a Keycloak access token, either for a user (resource owner password grant with the public
 * client, RFC 6749 section 4.3) or for a confidential client (client credentials grant, section 4.4). The token is
 * refreshed by a new grant once it is within 30 seconds of expiry.
 */
public final class TokenSource {
    private final HttpClient http;
    private final URI tokenUri;
    private final Map<String, String> form;
    private final String who;
    private String token;
    private long expiresAtMs;

    private TokenSource(HttpClient http, String keycloakUrl, String realm, Map<String, String> form, String who) {
        this.http = http;
        this.tokenUri = URI.create(stripSlash(keycloakUrl) + "/realms/" + realm + "/protocol/openid-connect/token");
        this.form = form;
        this.who = who;
    }

    /** A token source for a user, through the public client {@code clientId} (default {@code vigil-cli}). */
    public static TokenSource password(HttpClient http, String keycloakUrl, String realm, String clientId,
                                       String user, String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "password");
        f.put("client_id", clientId);
        f.put("username", user);
        f.put("password", password);
        f.put("scope", "openid");
        return new TokenSource(http, keycloakUrl, realm, f, "user " + user);
    }

    /** A token source for a confidential client (client credentials grant). */
    public static TokenSource clientCredentials(HttpClient http, String keycloakUrl, String realm, String clientId,
                                                String secret) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "client_credentials");
        f.put("client_id", clientId);
        f.put("client_secret", secret);
        return new TokenSource(http, keycloakUrl, realm, f, "client " + clientId);
    }

    /** Who this source signs in as, for messages. */
    public String who() {
        return who;
    }

    /**
     * A valid access token.
     *
     * @throws ApiException if Keycloak refuses the grant or cannot be reached
     */
    public synchronized String token() {
        if (token != null && System.currentTimeMillis() < expiresAtMs - 30_000) {
            return token;
        }
        String body = form.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach Keycloak at " + tokenUri + ": " + e, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted", "");
        }
        if (resp.statusCode() != 200) {
            throw new ApiException(resp.statusCode(), "Keycloak refused the token for " + who + " (HTTP "
                + resp.statusCode() + "): " + resp.body(), resp.body());
        }
        try {
            JsonNode n = new ObjectMapper().readTree(resp.body());
            token = n.path("access_token").asText();
            expiresAtMs = System.currentTimeMillis() + n.path("expires_in").asLong(60) * 1000;
            return token;
        } catch (IOException e) {
            throw new ApiException(resp.statusCode(), "unreadable token response from Keycloak", resp.body());
        }
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
