package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.DemoIdentities.ADMIN_ACCOUNT;
import static dev.vigil.e2e.DemoIdentities.INGEST_111;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.GuardDutyApi.getFindings;
import static dev.vigil.e2e.suite.GuardDutyApi.listFindings;
import static dev.vigil.e2e.suite.Stack.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery guarantees on the real stack: restarting detector-service in the middle of a stream loses no finding and
 * double-counts nothing (Kafka Streams exactly-once plus findings-service's idempotence on candidate event IDs), and
 * ingesting the same file twice updates the counts of the findings it produced without creating new ones.
 *
 * <p>Each run uses fresh access key IDs, so its findings are new even on a stack that already holds others.
 */
class ResilienceIT {

    private static final String KALI = "PenTest:IAMUser/KaliLinux";
    private static final String KALI_AGENT = "aws-cli/2.15.30 Python/3.11.8 Linux/6.6.9-amd64 exe/x86_64.kali.2024 "
            + "prompt/off command/iam.list-users";
    private static final Duration DETECTION = Duration.ofSeconds(180);
    private static String detector;

    @BeforeAll
    static void detectors() {
        detector = ensureDetector(ADMIN_111);
    }

    /** A fresh IAM user access key ID (AKIA + 16 upper-case letters and digits). */
    static String accessKey() {
        Random r = new Random();
        StringBuilder b = new StringBuilder("AKIA");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < 16; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** {@code n} CloudTrail events of IAM user {@code user} calling IAM from Kali Linux, one second apart, as a Records file. */
    static String kaliCalls(String user, String key, int n, Instant from) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add("""
                    {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA%s","arn":\
                    "arn:aws:iam::%s:user/%s","accountId":"%s","accessKeyId":"%s","userName":"%s"},\
                    "eventTime":"%s","eventSource":"iam.amazonaws.com","eventName":"ListUsers","awsRegion":"us-east-1",\
                    "sourceIPAddress":"198.51.100.77","userAgent":"%s","requestParameters":null,\
                    "responseElements":null,"eventID":"%s","eventType":"AwsApiCall","readOnly":true,\
                    "recipientAccountId":"%s"}""".formatted(key.substring(4), ADMIN_ACCOUNT, user, ADMIN_ACCOUNT, key, user,
                    from.plusSeconds(i).truncatedTo(ChronoUnit.SECONDS), KALI_AGENT, UUID.randomUUID(), ADMIN_ACCOUNT));
        }
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    static void ingest(String body, int expected) {
        as(INGEST_111, "ingest").body(body).post("/ingest/v1/cloudtrail").then().statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(expected));
    }

    static List<String> kaliFindings(String key) {
        return kaliFindings(detector, key);
    }

    /** The Kali Linux findings of access key {@code key} in {@code detectorId} (admin-111's). */
    static List<String> kaliFindings(String detectorId, String key) {
        return listFindings(ADMIN_111, detectorId, Map.of("type", Map.of("eq", List.of(KALI)),
                "resource.accessKeyDetails.accessKeyId", Map.of("eq", List.of(key))));
    }

    static Map<String, Integer> counts(List<String> ids) {
        return counts(detector, ids);
    }

    /** {@code service.count} of each finding, by ID. */
    static Map<String, Integer> counts(String detectorId, List<String> ids) {
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, Object> f : getFindings(ADMIN_111, detectorId, ids)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> service = (Map<String, Object>) f.get("service");
            out.put((String) f.get("id"), ((Number) service.get("count")).intValue());
        }
        return out;
    }

    /**
     * Asserts that access key {@code key} has exactly one Kali Linux finding in {@code detectorId} and that it counts
     * {@code expected} events; on failure the message names {@code context} and says how many distinct candidates
     * findings-service applied ({@link StackDatabase#findingDiagnosis}).
     */
    static void assertKaliCount(String detectorId, String key, int expected, String context) {
        List<String> ids = kaliFindings(detectorId, key);
        assertThat(ids).as("%s: the Kali Linux findings of %s", context, key).hasSize(1);
        assertThat(counts(detectorId, ids).values())
                .as(() -> context + ": service.count of " + ids.get(0) + " (" + StackDatabase.findingDiagnosis(ids.get(0))
                        + ")")
                .containsExactly(expected);
    }

    /**
     * How long a fault case waits for every event to be counted. Generous on purpose: the cases assert that nothing is
     * lost or counted twice, and report how long counting took; on a loaded 2-core CI machine a detector that restores
     * its state after a kill can take minutes, which is slow, not lost.
     */
    static final Duration COUNTED_WITHIN = Duration.ofMinutes(10);

    /** Asserts that every 200 among {@code answers} accepted all {@code events} records of its batch. */
    static void assertEveryBatchAccepted(List<RetryingCollector.Answer> answers, int events, String context) {
        synchronized (answers) {
            assertThat(answers).as("%s: every 200 accepted the whole batch", context)
                    .filteredOn(a -> a.status() == 200).allSatisfy(a -> assertThat(a.accepted())
                            .as("%s: records accepted of batch %d", context, a.batch()).isEqualTo(events));
        }
    }

    @Test
    void restartingTheDetectorMidStreamLosesNoFindingAndDuplicatesNone() throws Exception {
        String key = accessKey();
        Instant t = Instant.now().minusSeconds(600);
        ingest(kaliCalls("e2e-restart", key, 40, t), 40);
        restartDetector(); // while the detector may still be working through the first batch
        ingest(kaliCalls("e2e-restart", key, 40, t.plusSeconds(60)), 40);
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(kaliFindings(key)).hasSize(1));
        String id = kaliFindings(key).get(0);
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(counts(List.of(id))).containsEntry(id, 80));
        // nothing arrives late and counts twice
        TimeUnit.SECONDS.sleep(20);
        assertThat(counts(List.of(id))).containsEntry(id, 80);
        assertThat(kaliFindings(key)).containsExactly(id);
    }

    @Test
    void theSameFileTwiceUpdatesCountsAndCreatesNoNewFinding() {
        String key = accessKey();
        String file = kaliCalls("e2e-twice", key, 5, Instant.now().minusSeconds(300));
        ingest(file, 5);
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> ids = kaliFindings(key);
            assertThat(ids).hasSize(1);
            assertThat(counts(ids).values()).containsExactly(5);
        });
        List<String> ids = kaliFindings(key);
        ingest(file, 5);
        await().atMost(DETECTION).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(counts(ids).values()).containsExactly(10));
        assertThat(kaliFindings(key)).containsExactlyElementsOf(ids);
    }

    /** Restarts detector-service through the project's own script ({@code ./vigil restart detector}). */
    private static void restartDetector() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();
        Path log = Files.createTempFile("vigil-restart", ".log");
        Process p = new ProcessBuilder(root.resolve("vigil").toString(), "restart", "detector").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        assertThat(done).as("./vigil restart detector finished: %s", Files.readString(log)).isTrue();
        assertThat(p.exitValue()).as("./vigil restart detector: %s", Files.readString(log)).isZero();
    }
}
