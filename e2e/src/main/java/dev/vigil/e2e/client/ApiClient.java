package dev.vigil.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small JSON-over-HTTP client for one Vigil service, sending {@code Authorization: Bearer} tokens from a
 * {@link TokenSource}. Non-2xx answers become {@link ApiException}s carrying GuardDuty's error {@code message}.
 */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String baseUrl;
    private final TokenSource tokens;

    public ApiClient(HttpClient http, String baseUrl, TokenSource tokens) {
        this.http = http;
        this.baseUrl = TokenSource.stripSlash(baseUrl);
        this.tokens = tokens;
    }

    /** The identity this client signs in as. */
    public TokenSource tokens() {
        return tokens;
    }

    /** GET a JSON document. */
    public JsonNode get(String path) {
        return json(send("GET", path, null, "application/json", Map.of()));
    }

    /** POST a JSON body and read a JSON answer ({@link NullNode} when empty). */
    public JsonNode post(String path, Object body) {
        return json(send("POST", path, bytes(body), "application/json", Map.of()));
    }

    /**
     * Sends raw bytes and returns the raw answer.
     *
     * @param headers extra headers (e.g. {@code Content-Encoding})
     * @throws ApiException on a non-2xx answer or a transport failure
     */
    public HttpResponse<String> send(String method, String path, byte[] body, String contentType,
                                     Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + tokens.token()).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, method + " " + baseUrl + path + " failed: " + e, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted", "");
        }
        if (resp.statusCode() / 100 != 2) {
            throw new ApiException(resp.statusCode(), method + " " + path + " -> HTTP " + resp.statusCode()
                + errorMessage(resp.body()), resp.body());
        }
        return resp;
    }

    private static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.has("message")) {
                return ": " + n.path("__type").asText("") + " " + n.path("message").asText();
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        return body == null || body.isBlank() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) : body);
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> resp) {
        String b = resp.body();
        if (b == null || b.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new ApiException(resp.statusCode(), "response is not JSON: " + b, b);
        }
    }
}
