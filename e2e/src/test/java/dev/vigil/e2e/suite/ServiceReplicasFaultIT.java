package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.RetryingCollector.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, case 5 for the stateless services: two ingest replicas behind a collector that spreads its batches over
 * both (as a load balancer would) and two findings-service replicas in one consumer group of the candidates topic.
 * Mid-stream the first findings replica and then the first ingest replica are killed with SIGKILL, both are started
 * again by {@code ./vigil up}, and then both second replicas are killed. The one finding of the batches' access key
 * must count every event exactly once, as a single replica of each would; every 200 must have accepted its whole
 * batch. Measured: the time from the last kill until every event posted before it is counted (the findings group's
 * rebalance, including its session timeout for a member that left without a word).
 */
class ServiceReplicasFaultIT {

    private static final int BATCHES = 18;
    private static final int EVENTS = 10;

    @Test
    void twoIngestAndTwoFindingsReplicasCountEveryEventOnceThroughKills() throws Exception {
        String detector = ensureDetector(ADMIN_111);
        String key = ResilienceIT.accessKey();
        Instant from = Instant.now().minusSeconds(1800);
        int ingestPort = freePort();
        int findingsPort = freePort();
        Process ingest = StackProcesses.replica("ingest", ingestPort, Files.createTempDirectory("vigil-ingest-replica"),
                Files.createTempFile("vigil-ingest-replica", ".log"));
        Process findings = StackProcesses.replica("findings", findingsPort,
                Files.createTempDirectory("vigil-findings-replica"), Files.createTempFile("vigil-findings-replica", ".log"));
        List<String> endpoints = List.of(Stack.url("ingest"), "http://127.0.0.1:" + ingestPort);
        List<RetryingCollector.Answer> answers = Collections.synchronizedList(new ArrayList<>());
        String timing = "";
        try {
            awaitReady(ingestPort);
            awaitReady(findingsPort);
            int posted = 0;
            for (int b = 0; b < BATCHES; b++) {
                if (b == 5) {
                    StackProcesses.kill("findings");
                }
                if (b == 8) {
                    StackProcesses.kill("ingest");
                }
                if (b == 11) {
                    StackProcesses.up();
                }
                if (b == 15) {
                    long t = System.nanoTime();
                    ingest.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    findings.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    int expected = posted * EVENTS;
                    await().atMost(ResilienceIT.COUNTED_WITHIN).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                            .untilAsserted(() -> ResilienceIT.assertKaliCount(detector, key, expected,
                                    "second replicas killed"));
                    timing = String.format(Locale.ROOT, "after the second replicas' kill all %d events counted %.1f s"
                            + " later", expected, (System.nanoTime() - t) / 1e9);
                }
                RetryingCollector.postUntilAccepted(endpoints, b, ResilienceIT.kaliCalls("e2e-replicas", key, EVENTS,
                        from.plusSeconds(60L * b)), key, answers);
                posted++;
                sleep(500);
            }
        } finally {
            ingest.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            findings.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        ResilienceIT.assertEveryBatchAccepted(answers, EVENTS, "ingest and findings replicas");
        synchronized (answers) {
            assertThat(answers).as("no 5xx other than 503, no timeout").allSatisfy(a ->
                    assertThat(a.status()).isIn(200, 503, -1));
        }
        await().atMost(ResilienceIT.COUNTED_WITHIN).pollInterval(Duration.ofSeconds(3)).ignoreExceptions()
                .untilAsserted(() -> ResilienceIT.assertKaliCount(detector, key, BATCHES * EVENTS, "replicas"));
        sleep(20_000); // nothing arrives late and counts twice
        ResilienceIT.assertKaliCount(detector, key, BATCHES * EVENTS, "replicas, 20 s later");
        long refused = answers.stream().filter(a -> a.status() == -1).count();
        System.out.printf(Locale.ROOT, "RELIABILITY | two ingest and two findings replicas, each first replica killed"
                + " (SIGKILL) and restarted, then each second one killed | %d records in %d batches | records lost 0 |"
                + " findings differing 0 | %d refused connections retried on the other replica; %s |%n",
                BATCHES * EVENTS, BATCHES, refused, timing);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitReady(int port) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL().openConnection()
                        instanceof HttpURLConnection c && c.getResponseCode() == 200);
    }
}
