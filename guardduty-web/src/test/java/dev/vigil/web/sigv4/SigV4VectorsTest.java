package dev.vigil.web.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SigV4Verifier} against AWS's published SigV4 test suite (vendored under
 * {@code aws-signing-test-suite/v4}, see its README): every signed request of each case, header form and presigned
 * query form, verifies with the case's secret at the case's time; the same request with another secret, a changed
 * signature or a changed signed header does not.
 */
class SigV4VectorsTest {

    static Stream<String> cases() {
        return Stream.of("get-vanilla", "get-vanilla-query-order-key-case", "get-vanilla-with-session-token", "post-vanilla",
                "post-x-www-form-urlencoded", "get-header-value-trim", "post-sts-header-after",
                "get-vanilla-query-unreserved", "post-header-key-sort", "get-utf8", "get-slash-dot-slash-normalized");
    }

    /**
     * Both forms of each case, but for the presigned form of post-sts-header-after: its session token was added to
     * the query after signing (AWS IoT's "omit session token" style), which AWS's other services do not accept.
     */
    static Stream<String> forms() {
        return cases().flatMap(c -> Stream.of(c + "/header-signed-request.txt", c + "/query-signed-request.txt"))
                .filter(f -> !f.equals("post-sts-header-after/query-signed-request.txt"));
    }

    private static String read(String name) {
        try (InputStream in = SigV4VectorsTest.class.getResourceAsStream("/aws-signing-test-suite/v4/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request file as an HTTP server would receive it: the path percent-encoded as a client sends it. */
    static SigV4Request request(String file) {
        String text = read(file);
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        byte[] body = blank < 0 ? new byte[0] : text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
        String[] lines = head.split("\n");
        String target = lines[0].substring(lines[0].indexOf(' ') + 1, lines[0].lastIndexOf(' '));
        int q = target.indexOf('?');
        String path = encodePath(q < 0 ? target : target.substring(0, q));
        String query = q < 0 ? null : target.substring(q + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon), k -> new ArrayList<>()).add(lines[i].substring(colon + 1));
        }
        return SigV4Request.parse(lines[0].substring(0, lines[0].indexOf(' ')), path, query, headers, body);
    }

    private static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (b.length() > 0 || path.startsWith("/")) {
                b.append(b.length() == 0 && segment.isEmpty() ? "" : "/");
            }
            b.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String out = b.toString();
        return out.startsWith("/") ? out : "/" + out;
    }

    private static JsonNode context(String file) {
        return Json.read(read(file.substring(0, file.indexOf('/')) + "/context.json"), JsonNode.class);
    }

    private static SigV4Verifier verifier(JsonNode context) {
        Instant at = Instant.parse(context.path("timestamp").asText());
        return new SigV4Verifier(Clock.fixed(at, ZoneOffset.UTC), Duration.ofMinutes(15), false);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void theSuitesSignedRequestsVerify(String file) {
        JsonNode context = context(file);
        SigV4Request r = request(file);
        assertThat(r.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(r.service()).isEqualTo("service");
        verifier(context).verify(r, context.at("/credentials/secret_access_key").asText());
    }

    @ParameterizedTest
    @MethodSource("forms")
    void anotherSecretOrAChangedSignatureIsRefused(String file) {
        JsonNode context = context(file);
        SigV4Request r = request(file);
        assertThatThrownBy(() -> verifier(context).verify(r, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ"))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidSignatureException"));
        String flipped = (r.signature().charAt(0) == '0' ? "1" : "0") + r.signature().substring(1);
        SigV4Request changed = new SigV4Request(r.method(), r.rawPath(), r.query(), r.headers(), r.body(), r.presigned(),
                r.accessKeyId(), r.amzDate(), r.date(), r.region(), r.service(), r.signedHeaders(), flipped,
                r.expiresSeconds(), r.sessionToken());
        assertThatThrownBy(() -> verifier(context).verify(changed, context.at("/credentials/secret_access_key").asText()))
                .isInstanceOf(SigV4Exception.class).hasMessageNotContaining(r.signature()).hasMessageNotContaining(flipped);
    }
}
