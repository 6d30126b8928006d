package dev.vigil.accounts.feeds;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.events.ThreatFeedState;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * A feed served by a real local HTTP server (never the internet): fetched at start-up and published, a 304 answered
 * to the validators sent (If-None-Match), and each bad new copy (HTTP error, nothing parses, shrunk by more than half)
 * refused with the last good copy kept, the health group DOWN and the failing gauge at 1, until a good copy returns.
 */
@QuarkusTest
@TestProfile(ThreatFeedRefresherTest.WithFeed.class)
class ThreatFeedRefresherTest {

    static final HttpServer SERVER;
    static final AtomicReference<String> BODY = new AtomicReference<>();
    static final AtomicInteger STATUS = new AtomicInteger(200);
    static final AtomicReference<String> IF_NONE_MATCH = new AtomicReference<>();

    static {
        try {
            SERVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder sb = new StringBuilder("# C2 feed\n");
        for (int i = 1; i <= 10; i++) {
            sb.append("198.51.100.").append(i).append('\n');
        }
        BODY.set(sb.append("c2.feed.example\n").toString());
        SERVER.createContext("/c2.txt", ex -> {
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            IF_NONE_MATCH.set(inm);
            String etag = "\"" + Integer.toHexString(BODY.get().hashCode()) + "\"";
            if (STATUS.get() == 200 && etag.equals(inm)) {
                ex.sendResponseHeaders(304, -1);
            } else {
                byte[] b = BODY.get().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("ETag", etag);
                ex.sendResponseHeaders(STATUS.get(), b.length);
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        SERVER.start();
    }

    /** One feed, {@code c2-test}, on the local server; refreshed only at start-up (then by the test). */
    public static class WithFeed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String base = "vigil.feeds.c2-test.";
            return Map.of(base + "url", "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/c2.txt",
                    base + "category", "C2", base + "list-name", "c2-feed", base + "refresh", "1h");
        }
    }

    @Inject
    ThreatFeedRefresher refresher;

    @Inject
    @Any
    InMemoryConnector connector;

    List<ThreatFeedState> published() {
        InMemorySink<ThreatFeedState> sink = connector.sink("threat-feeds-out");
        return sink.received().stream().map(Message::getPayload).toList();
    }

    double failing() {
        return given().get("/q/metrics").then().extract().asString().lines()
                .filter(l -> l.startsWith("vigil_threat_feed_failing{") && l.contains("feed=\"c2-test\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    @Test
    void keepsTheLastGoodCopyThroughEveryKindOfBadCopy() {
        await().atMost(Duration.ofSeconds(30)).until(() -> published().size() == 1);
        ThreatFeedState first = published().get(0);
        assertThat(first.feedName()).isEqualTo("c2-test");
        assertThat(first.category()).isEqualTo("C2");
        assertThat(first.listName()).isEqualTo("c2-feed");
        assertThat(first.entries()).hasSize(11).contains("198.51.100.1", "c2.feed.example");
        given().get("/q/health/group/threat-feeds").then().statusCode(200).body("status", equalTo("UP"));

        // unchanged: the validators are sent, 304, nothing published
        assertThat(refresher.refresh("c2-test").healthy()).isTrue();
        assertThat(IF_NONE_MATCH.get()).isNotNull();
        assertThat(published()).hasSize(1);

        // the server fails: last good copy stays, health DOWN, gauge 1
        STATUS.set(503);
        assertThat(refresher.refresh("c2-test").error()).isEqualTo("the feed answered HTTP 503");
        given().get("/q/health/group/threat-feeds").then().statusCode(503).body("status", equalTo("DOWN"));
        assertThat(failing()).isEqualTo(1.0);

        // garbage, then a copy shrunk to 2 of 11 entries: both refused
        STATUS.set(200);
        BODY.set("<html><body>maintenance</body></html>\n");
        assertThat(refresher.refresh("c2-test").error()).startsWith("no entry of the new copy parses");
        BODY.set("198.51.100.1\n198.51.100.2\n");
        FeedStatus shrunk = refresher.refresh("c2-test");
        assertThat(shrunk.error()).isEqualTo("the new copy has 2 entries against 11 in the last good one");
        assertThat(shrunk.entries()).isEqualTo(11);
        assertThat(published()).hasSize(1);

        // a good new copy (grown by one) replaces it
        BODY.set("198.51.100.1\n198.51.100.2\n198.51.100.3\n198.51.100.4\n198.51.100.5\n198.51.100.6\n"
                + "198.51.100.7\n198.51.100.8\n198.51.100.9\n198.51.100.10\nc2.feed.example\nnew.feed.example\n");
        assertThat(refresher.refresh("c2-test").entries()).isEqualTo(12);
        assertThat(published()).hasSize(2);
        assertThat(published().get(1).entries()).contains("new.feed.example");
        assertThat(published().get(1).version()).isGreaterThanOrEqualTo(first.version());
        given().get("/q/health/group/threat-feeds").then().statusCode(200);
        assertThat(failing()).isEqualTo(0.0);
    }
}
