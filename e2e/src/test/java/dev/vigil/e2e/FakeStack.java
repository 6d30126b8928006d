package dev.vigil.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An in-process HTTP stub (JDK {@code HttpServer} on a free loopback port) standing in for Keycloak and the Vigil
 * services in CLI tests. Every request is recorded; handlers are registered per "METHOD path-prefix". Keycloak's
 * token endpoint answers {@code access_token = "tok-<username or client_id>"}.
 */
public final class FakeStack implements AutoCloseable {
    /** One recorded request. */
    public record Call(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A canned answer. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    public final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Call, Answer>> routes = new ConcurrentHashMap<>();

    public FakeStack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        route("POST /realms/vigil/protocol/openid-connect/token", c -> {
            String who = c.bodyText().replaceAll(".*(?:username|client_id)=([^&]+).*", "$1");
            if (c.bodyText().contains("grant_type=password")) {
                who = c.bodyText().replaceAll(".*username=([^&]+).*", "$1");
            }
            return new Answer(200, "{\"access_token\":\"tok-" + who + "\",\"expires_in\":300}");
        });
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:34567}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers a handler for requests whose "METHOD path" starts with {@code key}; the longest key wins. */
    public FakeStack route(String key, Function<Call, Answer> handler) {
        routes.put(key, handler);
        return this;
    }

    /** Recorded calls whose "METHOD path" starts with {@code prefix}. */
    public List<Call> calls(String prefix) {
        synchronized (calls) {
            return calls.stream().filter(c -> (c.method() + " " + c.path()).startsWith(prefix)).toList();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Call call = new Call(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getQuery(),
            Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes());
        calls.add(call);
        String key = call.method() + " " + call.path();
        Function<Call, Answer> h = routes.entrySet().stream().filter(e -> key.startsWith(e.getKey()))
            .max(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(String::length)))
            .map(Map.Entry::getValue).orElse(null);
        Answer a = h == null ? new Answer(404, "{\"message\":\"no route " + key + "\",\"__type\":\"BadRequestException\"}")
            : h.apply(call);
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
