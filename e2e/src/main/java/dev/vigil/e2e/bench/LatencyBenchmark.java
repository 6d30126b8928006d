package dev.vigil.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.e2e.client.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * End-to-end detection latency on a running stack (issues 20 item 7 and 22 item 2): the time from the 200 of the
 * ingest call carrying the deciding record to the moment ListFindings returns the finding.
 *
 * <ul>
 * <li><b>Signature</b>: one CloudTrail event from Kali Linux's user agent ({@code PenTest:IAMUser/KaliLinux}, a
 * stateless rule), a fresh access key per sample.</li>
 * <li><b>Windowed</b>: {@code Recon:EC2/Portscan}: a first call sends probes of {@code below} distinct ports of one host
 * (below the rule's threshold, 25 by default), a second call the probes that cross it; timed from the second call's
 * 200, a fresh instance and interface per sample.</li>
 * </ul>
 * ListFindings is polled every {@link #POLL_MS} ms, which bounds the resolution. Records are stamped one minute ago.
 */
public final class LatencyBenchmark {

    /** How often ListFindings is asked, in ms. */
    static final long POLL_MS = 50;
    /** A sample that has not appeared after this long counts as a miss, in ms. */
    static final long GIVE_UP_MS = 120_000;
    /** Kali Linux's AWS CLI user agent (as in the simulator's KaliLinux scenario). */
    static final String KALI_AGENT = "aws-cli/2.15.30 Python/3.11.8 Linux/6.6.9-amd64 exe/x86_64.kali.2024 prompt/off";
    static final String SCAN_TARGET = "45.33.32.156";

    private final ApiClient ingest;
    private final ApiClient findings;
    private final String detectorId;
    private final String account;

    /**
     * @param ingest a client of ingest-service signed in as a collector or as {@code account}'s ingest identity
     * @param findings a client of findings-service signed in as an identity that reads {@code account}'s findings
     */
    public LatencyBenchmark(ApiClient ingest, ApiClient findings, String detectorId, String account) {
        this.ingest = ingest;
        this.findings = findings;
        this.detectorId = detectorId;
        this.account = account;
    }

    /** One signature sample: ms from the ingest 200 to the finding listed, or -1 when it never appeared. */
    public long signatureSample() {
        String key = "AKIA" + hex(16).toUpperCase(Locale.ROOT);
        String event = """
                {"Records":[{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA%s",\
                "arn":"arn:aws:iam::%s:user/latency","accountId":"%s","accessKeyId":"%s","userName":"latency"},\
                "eventTime":"%s","eventSource":"iam.amazonaws.com","eventName":"ListUsers","awsRegion":"us-east-1",\
                "sourceIPAddress":"198.51.100.77","userAgent":"%s","eventID":"%s","eventType":"AwsApiCall",\
                "readOnly":true,"recipientAccountId":"%s"}]}""".formatted(key.substring(4), account, account, key,
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS), KALI_AGENT, UUID.randomUUID(), account);
        post("/ingest/v1/cloudtrail", event);
        long t0 = System.nanoTime();
        return await(Map.of("type", eq("PenTest:IAMUser/KaliLinux"), "resource.accessKeyDetails.accessKeyId", eq(key)),
                t0);
    }

    /**
     * One windowed sample: {@code below} probed ports first, then {@code crossing} more in a second call; ms from the
     * second call's 200 to the finding listed, or -1.
     */
    public long windowedSample(int below, int crossing) {
        String instance = "i-" + hex(17);
        String eni = "eni-" + hex(17);
        long t = Instant.now().getEpochSecond() - 60;
        post("/ingest/v1/flow-logs", probes(instance, eni, t, 1, below));
        post("/ingest/v1/flow-logs", probes(instance, eni, t + 1, below + 1, crossing));
        long t0 = System.nanoTime();
        return await(Map.of("type", eq("Recon:EC2/Portscan"), "resource.instanceDetails.instanceId", eq(instance)), t0);
    }

    /** Flow log text with an {@code instance-id} column: outbound one-packet probes of ports first..first+n-1. */
    private String probes(String instance, String eni, long t, int first, int n) {
        StringBuilder b = new StringBuilder("version account-id interface-id srcaddr dstaddr srcport dstport protocol"
                + " packets bytes start end action log-status instance-id\n");
        for (int p = first; p < first + n; p++) {
            b.append("3 ").append(account).append(' ').append(eni).append(" 10.20.30.40 ").append(SCAN_TARGET)
                    .append(' ').append(40_000 + p).append(' ').append(p).append(" 6 1 44 ").append(t).append(' ')
                    .append(t + 1).append(" ACCEPT OK ").append(instance).append('\n');
        }
        return b.toString();
    }

    private void post(String path, String body) {
        ingest.send("POST", path + "?region=us-east-1", body.getBytes(StandardCharsets.UTF_8), "text/plain",
                Map.of());
    }

    private long await(Map<String, Object> criterion, long t0) {
        while (true) {
            JsonNode reply = findings.post("/detector/" + detectorId + "/findings",
                    Map.of("findingCriteria", Map.of("criterion", criterion), "maxResults", 1));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (reply.path("findingIds").size() > 0) {
                return ms;
            }
            if (ms > GIVE_UP_MS) {
                return -1;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    private static Map<String, Object> eq(String v) {
        return Map.of("eq", List.of(v));
    }

    private static String hex(int n) {
        StringBuilder b = new StringBuilder(n);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        return b.toString();
    }

    /** p-th percentile (0-100) of the samples, nearest-rank; -1 when empty. */
    public static long percentile(List<Long> samples, double p) {
        List<Long> s = new ArrayList<>(samples);
        s.removeIf(v -> v < 0);
        if (s.isEmpty()) {
            return -1;
        }
        s.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, rank - 1));
    }
}
