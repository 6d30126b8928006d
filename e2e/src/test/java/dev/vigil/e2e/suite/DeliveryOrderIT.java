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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 6 on the real stack: the same logs of two attacked instances (an outbound port scan of 1,000 ports in
 * 40 s, an inbound SSH brute force of 400 sessions in 8 minutes) and an hour of benign traffic of a third interface of
 * the account give the same findings, with the same counts, whether they arrive in time order from one collector, or
 * the benign hour first and then the attack files shuffled, split across three concurrent collectors. Each delivery
 * uses its own instances (the same logs, other identifiers), so both can be compared in one account.
 */
class DeliveryOrderIT {

    static final String HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol"
            + " packets bytes start end action log-status instance-id\n";

    /** The identifiers of one delivery's three instances. */
    record Fleet(String scanner, String target, String benign) {
        static Fleet fresh() {
            return new Fleet(id("i-"), id("i-"), id("i-"));
        }
    }

    @Test
    void theSameLogsInAnotherOrderFromConcurrentCollectorsGiveTheSameFindings() throws Exception {
        String detector = ensureDetector(ADMIN_111);
        long start = Instant.now().minusSeconds(2 * 3600).getEpochSecond();
        Fleet inOrder = Fleet.fresh();
        Fleet shuffled = Fleet.fresh();

        List<String> ordered = new ArrayList<>(lines(inOrder, start));
        ordered.sort((a, b) -> Long.compare(time(a), time(b)));
        for (int i = 0; i < ordered.size(); i += 2_000) {
            post(HEADER + String.join("", ordered.subList(i, Math.min(ordered.size(), i + 2_000))));
        }

        List<String> other = lines(shuffled, start);
        post(HEADER + String.join("", other.stream().filter(l -> l.endsWith(shuffled.benign() + "\n")).toList()));
        List<String> attack = new ArrayList<>(other.stream().filter(l -> !l.endsWith(shuffled.benign() + "\n"))
                .toList());
        Collections.shuffle(attack, new Random(22));
        List<CompletableFuture<Void>> collectors = new ArrayList<>();
        int third = (attack.size() + 2) / 3;
        for (int c = 0; c < 3; c++) {
            List<String> part = attack.subList(c * third, Math.min(attack.size(), (c + 1) * third));
            collectors.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < part.size(); i += 300) {
                    post(HEADER + String.join("", part.subList(i, Math.min(part.size(), i + 300))));
                }
            }));
        }
        CompletableFuture.allOf(collectors.toArray(CompletableFuture[]::new)).join();

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Integer> a = findings(detector, inOrder);
            Map<String, Integer> b = findings(detector, shuffled);
            assertThat(a).containsKeys("scanner Recon:EC2/Portscan", "target UnauthorizedAccess:EC2/SSHBruteForce");
            assertThat(b).isEqualTo(a);
        });
        Thread.sleep(35_000); // past the detector's update interval: nothing changes the comparison later
        assertThat(findings(detector, shuffled)).isEqualTo(findings(detector, inOrder));
    }

    /** The delivery's findings as "role type" to service.count. */
    private static Map<String, Integer> findings(String detector, Fleet f) {
        Map<String, String> role = Map.of(f.scanner(), "scanner", f.target(), "target", f.benign(), "benign");
        List<String> ids = listFindings(ADMIN_111, detector, Map.of("resource.instanceDetails.instanceId",
                Map.of("eq", List.of(f.scanner(), f.target(), f.benign()))));
        Map<String, Integer> out = new TreeMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Map<String, Object> finding : getFindings(ADMIN_111, detector, ids)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) finding.get("resource");
            @SuppressWarnings("unchecked")
            Map<String, Object> instance = (Map<String, Object>) resource.get("instanceDetails");
            @SuppressWarnings("unchecked")
            Map<String, Object> service = (Map<String, Object>) finding.get("service");
            out.merge(role.get(instance.get("instanceId")) + " " + finding.get("type"),
                    ((Number) service.get("count")).intValue(), Integer::sum);
        }
        return out;
    }

    /** One delivery's flow log lines (custom format with instance-id), not ordered. */
    private static List<String> lines(Fleet f, long start) {
        List<String> out = new ArrayList<>();
        Random r = new Random(17);
        String scannerEni = "eni-" + f.scanner().substring(2);
        String targetEni = "eni-" + f.target().substring(2);
        String benignEni = "eni-" + f.benign().substring(2);
        long scan = start + 300;
        for (int p = 1; p <= 1000; p++) { // nmap-style SYN probes, 25 ports a second
            long t = scan + p / 25;
            out.add(line(scannerEni, "10.40.1.7", "45.33.32.156", 40_000 + r.nextInt(20_000), p, 1, 44, t, t + 1,
                    "ACCEPT", f.scanner()));
        }
        long brute = start + 900;
        for (int s = 0; s < 400; s++) { // hydra-style: a short session every 1.2 s
            long t = brute + s * 12 / 10;
            out.add(line(targetEni, "198.51.100.23", "10.40.2.9", 30_000 + s, 22, 12, 2_400, t, t + 3, "ACCEPT",
                    f.target()));
        }
        for (int m = 0; m < 60; m++) { // an hour of HTTPS and DNS of another interface
            for (int k = 0; k < 40; k++) {
                long t = start + m * 60L + k;
                out.add(line(benignEni, "10.40.3.5", "52.94." + r.nextInt(256) + "." + r.nextInt(1, 255),
                        r.nextInt(32_768, 61_000), 443, r.nextInt(10, 300), r.nextInt(2_000, 300_000), t, t + 30,
                        "ACCEPT", f.benign()));
            }
        }
        return out;
    }

    static String line(String eni, String src, String dst, int srcPort, int dstPort, int packets, int bytes,
            long from, long to, String action, String instance) {
        return "3 " + ADMIN_ACCOUNT + " " + eni + " " + src + " " + dst + " " + srcPort + " " + dstPort + " 6 "
                + packets + " " + bytes + " " + from + " " + to + " " + action + " OK " + instance + "\n";
    }

    private static long time(String line) {
        return Long.parseLong(line.split(" ")[10]);
    }

    static void post(String body) {
        as(INGEST_111, "ingest").contentType("text/plain").body(body).post("/ingest/v1/flow-logs").then()
                .statusCode(200).body("rejected", org.hamcrest.Matchers.equalTo(0));
    }

    private static String id(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            b.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return b.toString();
    }
}
