package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.RetryingCollector.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
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
 * Issue 20, case 5: two detector replicas share the log topics' partitions (one Kafka Streams application, one
 * consumer group). While a collector posts CloudTrail batches, the first replica is killed with SIGKILL (its
 * partitions move to the second after the group notices), started again, and then the second replica is killed.
 * The one finding of the batches' access key must count every event exactly once, as a single replica would.
 * Measured: the time from each kill until every event posted up to it is counted (the rebalance, including the
 * group's session timeout for a member that left without a word).
 */
class ScaleOutFaultIT {

    private static final int BATCHES = 18;
    private static final int EVENTS = 10;

    @Test
    void twoDetectorReplicasCountEveryEventOnceThroughKillsAndRebalances() throws Exception {
        String detector = ensureDetector(ADMIN_111);
        String key = ResilienceIT.accessKey();
        Instant from = Instant.now().minusSeconds(1800);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path state = Files.createTempDirectory("vigil-detector-replica");
        Path log = Files.createTempFile("vigil-detector-replica", ".log");
        Process replica = StackProcesses.replica("detector", port, state, log);
        List<RetryingCollector.Answer> answers = Collections.synchronizedList(new ArrayList<>());
        List<String> timings = new ArrayList<>();
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> new java.net.URL("http://127.0.0.1:" + port + "/q/health/ready").openConnection()
                            instanceof java.net.HttpURLConnection c && c.getResponseCode() == 200);
            int posted = 0;
            for (int b = 0; b < BATCHES; b++) {
                if (b == 6) {
                    long t = System.nanoTime();
                    StackProcesses.kill("detector");
                    timings.add(counted(detector, key, posted * EVENTS, t, "first replica killed"));
                }
                if (b == 10) {
                    StackProcesses.up();
                }
                if (b == 14) {
                    long t = System.nanoTime();
                    replica.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    timings.add(counted(detector, key, posted * EVENTS, t, "second replica killed"));
                }
                RetryingCollector.postUntilAccepted(b, ResilienceIT.kaliCalls("e2e-scale-out", key, EVENTS,
                        from.plusSeconds(60L * b)), key, answers);
                posted++;
                sleep(500);
            }
        } finally {
            replica.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        ResilienceIT.assertEveryBatchAccepted(answers, EVENTS, "scale-out");
        await().atMost(ResilienceIT.COUNTED_WITHIN).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> ResilienceIT.assertKaliCount(detector, key, BATCHES * EVENTS, "scale-out"));
        sleep(20_000); // nothing arrives late and counts twice
        ResilienceIT.assertKaliCount(detector, key, BATCHES * EVENTS, "scale-out, 20 s later");
        System.out.printf(Locale.ROOT, "RELIABILITY | two detector replicas, each killed in turn (SIGKILL) |"
                + " %d records in %d batches | records lost 0 | findings differing 0 | %s |%n", BATCHES * EVENTS,
                BATCHES, String.join("; ", timings));
    }

    /**
     * Waits until the finding counts {@code expected} events (the ones posted before the kill at {@code killed})
     * and says how long after the kill that was.
     */
    private static String counted(String detector, String key, int expected, long killed, String what) {
        if (expected == 0) {
            return what + ": nothing posted yet";
        }
        await().atMost(ResilienceIT.COUNTED_WITHIN).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> ResilienceIT.assertKaliCount(detector, key, expected, what));
        return String.format(Locale.ROOT, "%s: all %d events counted %.1f s after", what, expected,
                (System.nanoTime() - killed) / 1e9);
    }
}
