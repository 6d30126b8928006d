package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20, cases 1 and 2: one process of the stack (the Kafka broker, or a service) killed with SIGKILL while a
 * collector posts CloudTrail batches, then started again by {@code ./vigil up}. The collector behaves as AWS's SDKs
 * do: on a 503 it waits for {@code Retry-After}, on a refused connection a second, and sends the same body with the
 * same {@code Idempotency-Key}. Checked: every answer is a 200 or a 503 with {@code Retry-After} and arrives within
 * the client's 60 s timeout (never a 500 or a hang; a refused connection only while ingest itself is down); after the
 * restart every batch is accepted; and the one finding of the batches' access key counts every event exactly once
 * (nothing a 200 accepted is lost between ingest, detector and findings, nothing a retry re-sent counts twice). Runs
 * after the rest of the suite (its own failsafe execution): it takes parts of the shared stack away.
 */
class ProcessKillFaultIT {

    private static final int BATCHES = 24;
    private static final int EVENTS = 10;

    @ParameterizedTest(name = "{0} killed mid-stream")
    @ValueSource(strings = {"kafka", "ingest", "detector", "findings", "accounts"})
    void aProcessKilledMidStreamLosesNoAcceptedRecordAndCountsNoneTwice(String component) throws Exception {
        String detector = ensureDetector(ADMIN_111);
        String key = ResilienceIT.accessKey();
        Instant from = Instant.now().minusSeconds(1800);
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            bodies.add(ResilienceIT.kaliCalls("e2e-broker-kill", key, EVENTS, from.plusSeconds(60L * b)));
        }
        List<RetryingCollector.Answer> answers = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatches = new CountDownLatch(5);
        CompletableFuture<Void> collector = CompletableFuture.runAsync(() -> {
            for (int b = 0; b < BATCHES; b++) {
                RetryingCollector.postUntilAccepted(b, bodies.get(b), key, answers);
                firstBatches.countDown();
                sleep(500);
            }
        });

        assertThat(firstBatches.await(2, TimeUnit.MINUTES)).as("the first batches were accepted").isTrue();
        long killed = System.nanoTime();
        StackProcesses.kill(component);
        sleep(20_000); // the collector meets the outage
        StackProcesses.up();
        long up = System.nanoTime();
        collector.get(10, TimeUnit.MINUTES);

        synchronized (answers) {
            assertThat(answers).as("every answer a 200 or a 503 with Retry-After, within the client timeout")
                    .allSatisfy(a -> {
                        assertThat(a.status()).isIn(component.equals("ingest") ? new Integer[] {200, 503, -1}
                                : new Integer[] {200, 503});
                        if (a.status() == 503) {
                            assertThat(a.retryAfter()).isNotBlank();
                        }
                    });
            if (component.equals("kafka")) {
                assertThat(answers).as("the outage was met").anyMatch(a -> a.status() == 503);
            }
            assertThat(answers.stream().filter(a -> a.status() == 200).map(RetryingCollector.Answer::batch).distinct().count())
                    .isEqualTo(BATCHES);
        }
        String context = component + " killed";
        ResilienceIT.assertEveryBatchAccepted(answers, EVENTS, context);
        await().atMost(ResilienceIT.COUNTED_WITHIN).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> ResilienceIT.assertKaliCount(detector, key, BATCHES * EVENTS, context));
        long counted = System.nanoTime();
        sleep(20_000); // nothing arrives late and counts twice
        ResilienceIT.assertKaliCount(detector, key, BATCHES * EVENTS, context + ", 20 s later");
        report(component, answers, killed, up, counted);
    }

    /** One line for BENCHMARKS.md's RELIABILITY table, in the test's output. */
    private static void report(String component, List<RetryingCollector.Answer> answers, long killed, long up, long counted) {
        synchronized (answers) {
            System.out.printf(java.util.Locale.ROOT, "RELIABILITY | %s SIGKILL mid-ingest | %d records in %d batches,"
                    + " %d answers: %d x 200, %d x 503, %d refused, slowest %d ms | records lost 0 | findings differing 0"
                    + " | ./vigil up back in %.1f s, every event counted %.1f s after the kill |%n", component,
                    BATCHES * EVENTS, BATCHES, answers.size(), answers.stream().filter(a -> a.status() == 200).count(),
                    answers.stream().filter(a -> a.status() == 503).count(),
                    answers.stream().filter(a -> a.status() < 0).count(),
                    answers.stream().mapToLong(RetryingCollector.Answer::millis).max().orElse(0), (up - killed) / 1e9 - 20,
                    (counted - killed) / 1e9);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
