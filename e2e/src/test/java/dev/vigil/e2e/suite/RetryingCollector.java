package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.INGEST_111;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A log collector as the fault cases run it, behaving as AWS's SDKs do: it posts a CloudTrail batch as
 * {@code ingest-111} until it is accepted, waiting for {@code Retry-After} after a 503 (at most 5 s) and a second after
 * a refused connection, and always re-sends the same body with the same {@code Idempotency-Key}, so a retry cannot
 * count twice. Every answer is recorded.
 */
final class RetryingCollector {

    /** The client's timeout per request. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One answer: HTTP status (0: none within the client timeout; -1: connection refused), Retry-After, time, and for
     * a 200 the number of records ingest accepted (its {@code accepted}; -1 for any other answer).
     */
    record Answer(int batch, int status, String retryAfter, long millis, int accepted) {
    }

    private RetryingCollector() {
    }

    /** Posts one batch until a 200, honouring Retry-After (capped at 5 s), always with the same Idempotency-Key. */
    static void postUntilAccepted(int batch, String body, String key, List<Answer> answers) {
        postUntilAccepted(List.of(Stack.url("ingest")), batch, body, key, answers);
    }

    /**
     * As {@link #postUntilAccepted(int, String, String, List)}, across several ingest replicas as a load balancer
     * spreads a collector's requests: batch {@code b} goes first to {@code ingest.get(b % size)}, and a refused
     * connection moves the retry to the next replica at once (no pause) instead of waiting a second.
     */
    static void postUntilAccepted(List<String> ingest, int batch, String body, String key, List<Answer> answers) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        int replica = batch % ingest.size();
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            HttpRequest req = HttpRequest.newBuilder(URI.create(ingest.get(replica) + "/ingest/v1/cloudtrail"))
                    .timeout(CLIENT_TIMEOUT).header("Authorization", "Bearer " + Stack.token(INGEST_111))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key + "-" + batch)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                String retryAfter = r.headers().firstValue("Retry-After").orElse("");
                int accepted = r.statusCode() == 200 ? io.restassured.path.json.JsonPath.from(r.body()).getInt("accepted")
                        : -1;
                answers.add(new Answer(batch, r.statusCode(), retryAfter, (System.nanoTime() - t0) / 1_000_000,
                        accepted));
                if (r.statusCode() == 200) {
                    return;
                }
                sleep(Math.min(5_000, 1_000L * (retryAfter.isEmpty() ? 1 : Long.parseLong(retryAfter))));
            } catch (HttpTimeoutException e) {
                answers.add(new Answer(batch, 0, "", (System.nanoTime() - t0) / 1_000_000, -1));
            } catch (java.io.IOException e) {
                // a refused connection is recorded: where ingest is up throughout, it is a defect worth seeing
                answers.add(new Answer(batch, -1, e.toString(), (System.nanoTime() - t0) / 1_000_000, -1));
                replica = (replica + 1) % ingest.size();
                if (ingest.size() == 1) {
                    sleep(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }


    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
