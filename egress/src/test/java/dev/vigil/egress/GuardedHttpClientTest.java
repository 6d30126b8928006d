package dev.vigil.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard at every connection and every redirect, against a real local HTTP server; plain JUnit. */
class GuardedHttpClientTest {

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/list", x -> {
            hits.incrementAndGet();
            byte[] body = "192.0.2.1\n".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/redirect", x -> {
            hits.incrementAndGet();
            x.getResponseHeaders().add("Location", x.getRequestURI().getQuery());
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GuardedHttpClient client(EgressGuard guard) {
        return new GuardedHttpClient(guard, Duration.ofSeconds(2));
    }

    @Test
    void aConnectionToARefusedAddressIsNeverMadeWhateverTheNameResolvesTo() throws Exception {
        try (GuardedHttpClient c = client(EgressGuard.strict())) {
            // no check at creation here: the connection itself resolves "localhost" and refuses 127.0.0.1
            assertThatThrownBy(() -> c.get(URI.create("http://localhost:" + port + "/list"), 3, 1000, Duration.ofSeconds(5)))
                    .isInstanceOf(EgressRefusedException.class).hasMessageContaining("refused");
            assertThatThrownBy(() -> c.postJson(URI.create("http://127.0.0.1:" + port + "/list"), Map.of(), "{}",
                    Duration.ofSeconds(5))).isInstanceOf(EgressRefusedException.class);
        }
        assertThat(hits).hasValue(0);
    }

    @Test
    void anAllowedAddressIsFetched() throws Exception {
        try (GuardedHttpClient c = client(new EgressGuard(true, List.of("127.0.0.1/32")))) {
            GuardedHttpClient.Result r = c.get(URI.create("http://127.0.0.1:" + port + "/list"), 3, 1000, Duration.ofSeconds(5));
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("192.0.2.1\n");
        }
    }

    @Test
    void everyRedirectIsChecked() throws Exception {
        try (GuardedHttpClient c = client(new EgressGuard(true, List.of("127.0.0.1/32")))) {
            // 127.0.0.2 is loopback too (Linux answers on all of 127/8) but not allowed
            URI uri = URI.create("http://127.0.0.1:" + port + "/redirect?http://127.0.0.2:" + port + "/list");
            assertThatThrownBy(() -> c.get(uri, 3, 1000, Duration.ofSeconds(5))).isInstanceOf(EgressRefusedException.class)
                    .hasMessageContaining("127.0.0.2");
            URI allowed = URI.create("http://127.0.0.1:" + port + "/redirect?http://127.0.0.1:" + port + "/list");
            assertThat(c.get(allowed, 3, 1000, Duration.ofSeconds(5)).status()).isEqualTo(200);
            URI loop = URI.create("http://127.0.0.1:" + port + "/redirect?/redirect%3F/redirect");
            assertThatThrownBy(() -> c.get(loop, 1, 1000, Duration.ofSeconds(5))).hasMessageContaining("redirects more than 1");
        }
    }

    @Test
    void aBodyOverTheCapIsRefused() throws Exception {
        try (GuardedHttpClient c = client(new EgressGuard(false, List.of()))) {
            assertThatThrownBy(() -> c.get(URI.create("http://127.0.0.1:" + port + "/list"), 0, 5, Duration.ofSeconds(5)))
                    .hasMessageContaining("larger than 5 bytes");
        }
    }
}
