package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, case 3: a PostgreSQL outage as the services see a restart: every connection to the stack's database is
 * terminated (SQLSTATE 57P01, what a server shutdown sends its clients) and new connections are refused for 20 s
 * ({@code ALLOW_CONNECTIONS false}); then the database accepts connections again. The server itself is the machine's,
 * not the stack's, so it is not stopped. Checked while candidates flow and API calls are made: the findings and
 * accounts APIs answer 200 or 503 with {@code Retry-After} (never a 500), recover by themselves afterwards, and the
 * finding of the records ingested meanwhile counts every one of them exactly once (no candidate lost).
 */
class DatabaseOutageFaultIT {

    private static final int BATCHES = 12;
    private static final int EVENTS = 10;

    record Answer(String service, int status, String retryAfter) {
    }

    @Test
    void aDatabaseOutageIsA503AndLosesNoCandidate() throws Exception {
        String detector = ensureDetector(ADMIN_111);
        String key = ResilienceIT.accessKey();
        Instant from = Instant.now().minusSeconds(1200);
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean calling = new AtomicBoolean(true);
        Thread api = new Thread(() -> {
            while (calling.get()) {
                answers.add(call("findings", as("findings").body(Map.of("findingCriteria", Map.of("criterion", Map.of())))
                        .post("/detector/" + detector + "/findings")));
                answers.add(call("accounts", as("accounts").get("/detector/" + detector)));
                sleepQuietly(300);
            }
        }, "api-caller");
        api.start();
        try {
            for (int b = 0; b < BATCHES; b++) {
                if (b == 4) {
                    outage(20);
                }
                ResilienceIT.ingest(ResilienceIT.kaliCalls("e2e-db-outage", key, EVENTS, from.plusSeconds(60L * b)),
                        EVENTS);
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                as("findings").body(Map.of("findingCriteria", Map.of("criterion", Map.of())))
                        .post("/detector/" + detector + "/findings").then().statusCode(200);
                as("accounts").get("/detector/" + detector).then().statusCode(200);
            });
        } finally {
            calling.set(false);
            api.join(10_000);
            allowConnections(true);
        }
        synchronized (answers) {
            assertThat(answers).as("every API answer during and around the outage").allSatisfy(a -> {
                assertThat(a.status()).as(a.service()).isIn(200, 503);
                if (a.status() == 503) {
                    assertThat(a.retryAfter()).isNotBlank();
                }
            });
            assertThat(answers).as("the outage was met").anyMatch(a -> a.status() == 503);
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<String> ids = ResilienceIT.kaliFindings(detector, key);
            assertThat(ids).hasSize(1);
            assertThat(ResilienceIT.counts(detector, ids).values()).containsExactly(BATCHES * EVENTS);
        });
        synchronized (answers) {
            System.out.printf(java.util.Locale.ROOT, "RELIABILITY | PostgreSQL connections terminated, refused 20 s |"
                    + " %d records in %d batches while %d API calls were made: %d x 200, %d x 503 | records lost 0 |"
                    + " findings differing 0 | first 200 after the outage within one call's interval (0.3 s) |%n",
                    BATCHES * EVENTS, BATCHES, answers.size(), answers.stream().filter(a -> a.status() == 200).count(),
                    answers.stream().filter(a -> a.status() == 503).count());
        }
    }

    private static io.restassured.specification.RequestSpecification as(String service) {
        return given().auth().oauth2(Stack.token(ADMIN_111)).contentType(ContentType.JSON).baseUri(Stack.url(service));
    }

    private static Answer call(String service, Response r) {
        return new Answer(service, r.statusCode(), r.header("Retry-After"));
    }

    /** Terminates every connection to the stack's database and refuses new ones for {@code seconds}. */
    private static void outage(int seconds) throws IOException, InterruptedException {
        allowConnections(false);
        psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + db() + "'");
        TimeUnit.SECONDS.sleep(seconds);
        allowConnections(true);
    }

    private static void allowConnections(boolean allow) throws IOException, InterruptedException {
        psql("ALTER DATABASE \"" + db() + "\" WITH ALLOW_CONNECTIONS " + allow);
    }

    private static String db() {
        return StackDatabase.name();
    }

    private static void psql(String sql) throws IOException, InterruptedException {
        StackDatabase.psql("postgres", sql);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
