package dev.vigil.e2e.bench;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in session of the web console over plain HTTP, as a browser has it: the console's sign-in redirect to
 * Keycloak, Keycloak's login form ({@code kc-form-login}) posted with the user's password, the authorization code
 * back to the console, then the console's session cookies on every request. For benchmarks that time pages without a
 * browser; {@code ConsoleIT} drives the same sign-in in Chromium.
 */
public final class ConsoleSession {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private static final Pattern KEYCLOAK_ERROR = Pattern.compile("(?s)class=\"[^\"]*(?:kc-feedback-text|input-error|alert)[^\"]*\"[^>]*>(.{0,200}?)<");

    private final HttpClient http;
    private final String console;

    private ConsoleSession(HttpClient http, String console) {
        this.http = http;
        this.console = console;
    }

    /**
     * Signs {@code user} in to the console at {@code console} (e.g. {@code http://127.0.0.1:8086}).
     *
     * @throws IllegalStateException when Keycloak shows no login form or the sign-in does not end on the console
     */
    public static ConsoleSession signIn(String console, String user, String password) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new Jar())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(console + "/findings")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = LOGIN_FORM.matcher(login.body());
        if (!m.find()) {
            throw new IllegalStateException("no Keycloak login form at " + login.uri() + " (" + login.statusCode() + ")");
        }
        String action = m.group(1).replace("&amp;", "&");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 200 || !signedIn.uri().toString().startsWith(console)) {
            Matcher error = KEYCLOAK_ERROR.matcher(signedIn.body());
            throw new IllegalStateException("sign-in of " + user + " ended at " + signedIn.uri() + " with "
                    + signedIn.statusCode() + (error.find() ? ": " + error.group(1).trim() : ""));
        }
        return new ConsoleSession(http, console);
    }

    /** {@code GET} of a console path (e.g. {@code /findings?severity=high}) in this session, without redirects. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(console + path)).GET().timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Cookies per host and port, whatever their {@code Secure}, {@code Path} or {@code SameSite} attributes (the
     * stack is plain HTTP on loopback, where browsers treat 127.0.0.1 as secure; the JDK's {@code CookieManager}
     * would drop Keycloak's {@code Secure} cookies). A {@code Max-Age=0} cookie is removed.
     */
    private static final class Jar extends CookieHandler {
        private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            Map<String, String> c = cookies.getOrDefault(uri.getAuthority(), Map.of());
            if (c.isEmpty()) {
                return Map.of();
            }
            StringBuilder b = new StringBuilder();
            c.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            return Map.of("Cookie", List.of(b.toString()));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) {
            Map<String, String> c = cookies.computeIfAbsent(uri.getAuthority(), k -> new ConcurrentHashMap<>());
            headers.forEach((name, values) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    for (String v : values) {
                        String pair = v.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            continue;
                        }
                        String key = pair.substring(0, eq).trim();
                        if (v.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                            c.remove(key);
                        } else {
                            c.put(key, pair.substring(eq + 1).trim());
                        }
                    }
                }
            });
        }
    }
}
