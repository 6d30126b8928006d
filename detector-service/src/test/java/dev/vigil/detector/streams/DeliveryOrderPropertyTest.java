package dev.vigil.detector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.DayOfLogs.LogFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 22's property: the same files ({@link DayOfLogs}: a day of benign activity of three interfaces and principals
 * plus a port scan, an SSH brute force, DNS exfiltration and console logins) give the same findings (type, finding
 * ID, which names the resource, and count, after aggregation as findings-service does it) whatever the delivery
 * order: in time order, in seeded random orders of the files, split across concurrent submitters whose records
 * interleave, and as a backfill after live data. Runs on {@code TopologyTestDriver} with the default configuration.
 */
class DeliveryOrderPropertyTest {

    private static final dev.vigil.detector.threatintel.BuiltInThreatIntel INTEL =
            dev.vigil.detector.threatintel.BuiltInThreatIntel.load(java.util.Optional.empty());
    private static List<LogFile> files;
    private static TreeSet<String> inTimeOrder;

    @BeforeAll
    static void baseline() {
        files = DayOfLogs.files();
        List<Object> sorted = new ArrayList<>();
        files.forEach(f -> sorted.addAll(f.records()));
        sorted.sort(Comparator.comparingLong(DayOfLogs::time));
        inTimeOrder = findings(sorted);
    }

    /** {@code type id count} of every finding after ingesting {@code records} in this order. */
    private static TreeSet<String> findings(List<Object> records) {
        try (Harness h = new Harness(Map.of(), Instant.ofEpochSecond(Records.T0 + 86_400), INTEL)
                .account(Harness.ACCOUNT, "ENABLED")) {
            records.forEach(r -> DayOfLogs.send(h, r));
            h.advanceWallClock(Duration.ofSeconds(31)); // the update interval: pending window updates
            TreeSet<String> out = new TreeSet<>();
            Findings.merge(h.candidates()).forEach(c -> out.add(c.finding().type() + " " + c.finding().id() + " "
                    + c.finding().service().count()));
            return out;
        }
    }

    private static List<Object> concat(List<LogFile> order) {
        List<Object> out = new ArrayList<>();
        order.forEach(f -> out.addAll(f.records()));
        return out;
    }

    @Test
    void inTimeOrderTheAttacksAreFoundWithTheirCounts() {
        assertThat(inTimeOrder).anyMatch(s -> s.startsWith("Recon:EC2/Portscan ") && s.endsWith(" 60"))
                .anyMatch(s -> s.startsWith("UnauthorizedAccess:EC2/SSHBruteForce ") && s.endsWith(" 40"))
                .anyMatch(s -> s.startsWith("Trojan:EC2/DNSDataExfiltration ") && s.endsWith(" 40"))
                .anyMatch(s -> s.startsWith("UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B ") && s.endsWith(" 2"));
        assertThat(inTimeOrder).as("the benign activity of the interfaces and principals stays silent").hasSize(4);
    }

    @Test
    void filesInRandomOrdersGiveTheFindingsOfTimeOrder() {
        for (long seed = 1; seed <= 3; seed++) {
            List<LogFile> order = new ArrayList<>(files);
            Collections.shuffle(order, new Random(seed));
            assertThat(findings(concat(order))).as("seed %d", seed).isEqualTo(inTimeOrder);
        }
    }

    @Test
    void concurrentSubmittersGiveTheFindingsOfTimeOrder() {
        Random r = new Random(26);
        List<List<Object>> submitters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submitters.add(new ArrayList<>());
        }
        List<LogFile> order = new ArrayList<>(files);
        Collections.shuffle(order, r);
        order.forEach(f -> submitters.get(r.nextInt(submitters.size())).addAll(f.records()));
        List<Object> interleaved = new ArrayList<>();
        int[] next = new int[submitters.size()];
        while (interleaved.size() < submitters.stream().mapToInt(List::size).sum()) {
            int s = r.nextInt(submitters.size());
            if (next[s] < submitters.get(s).size()) {
                interleaved.add(submitters.get(s).get(next[s]++));
            }
        }
        assertThat(findings(interleaved)).isEqualTo(inTimeOrder);
    }

    @Test
    void aBackfillAfterLiveDataGivesTheFindingsOfTimeOrder() {
        long noon = Records.T0 + 12 * 3600;
        List<LogFile> live = files.stream().filter(f -> f.start() >= noon).toList();
        List<LogFile> backfill = files.stream().filter(f -> f.start() < noon).toList();
        List<LogFile> order = new ArrayList<>(live);
        order.addAll(backfill);
        assertThat(findings(concat(order))).isEqualTo(inTimeOrder);
    }
}
