package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Windows of {@link WindowProcessor} with late, out-of-order and backfilled records (issue 22): clocks per resource,
 * the lateness horizon (default 24 h), updates on the wall clock (every 30 s) and at end plus grace of the resource's
 * clock, expiry and idle resources. The driver's mock wall clock starts at {@code T0} and moves only when advanced.
 */
class LateAndOutOfOrderTest {

    private static final String LOCAL = "10.0.0.5";
    private static final String REMOTE = "198.51.100.50";
    private static final long MIN = 60;
    private static final long HOUR = 3600;

    private static final dev.vigil.detector.threatintel.BuiltInThreatIntel INTEL =
            dev.vigil.detector.threatintel.BuiltInThreatIntel.load(java.util.Optional.empty());

    private static Harness harness(Map<String, String> overrides) {
        return new Harness(overrides, Instant.ofEpochSecond(T0), INTEL).account(Harness.ACCOUNT, "ENABLED");
    }

    /** An outbound scan of 1,000 ports in 40 s by {@code i-1} from {@code startSec}. */
    private static List<FlowLogRecord> scan(long startSec) {
        List<FlowLogRecord> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            out.add(flow(LOCAL, REMOTE, 50000 + i % 10000, 1 + i, 6, 1, "ACCEPT", startSec + i / 25));
        }
        return out;
    }

    /** 400 inbound SSH sessions in 8 minutes against {@code i-1} from {@code startSec}. */
    private static List<FlowLogRecord> bruteForce(long startSec) {
        List<FlowLogRecord> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            out.add(flow("203.0.113.66", LOCAL, 30000 + i, 22, 6, 12, "ACCEPT", startSec + i * 8 * MIN / 400));
        }
        return out;
    }

    /** An hour of benign traffic of interface {@code eni} from {@code startSec}, one record every 10 s. */
    private static List<FlowLogRecord> benignHour(String eni, String instance, String local, long startSec) {
        List<FlowLogRecord> out = new ArrayList<>();
        for (long s = 0; s < HOUR; s += 10) {
            out.add(flow(eni, instance, local, "203.0.113." + (s / 10 % 50 + 1), 40000 + (int) (s % 1000), 443, 6,
                    40, "ACCEPT", startSec + s));
        }
        return out;
    }

    private static List<Tuple> findings(Harness h) {
        h.advanceWallClock(Duration.ofSeconds(31));
        return Findings.merge(h.candidates()).stream()
                .map(c -> Tuple.tuple(c.finding().type(), c.finding().service().count())).toList();
    }

    @Test
    void anotherInterfacesNewerFileFirstDoesNotHideTheAttacks() {
        List<Tuple> attacksFirst;
        try (Harness h = harness(Map.of())) {
            scan(T0 + 5).forEach(h::flow);
            bruteForce(T0 + 5).forEach(h::flow);
            benignHour("eni-2", "i-2", "10.0.0.6", T0).forEach(h::flow);
            attacksFirst = findings(h);
        }
        assertThat(attacksFirst).containsExactlyInAnyOrder(Tuple.tuple("Recon:EC2/Portscan", 1000L),
                Tuple.tuple("UnauthorizedAccess:EC2/SSHBruteForce", 400L));
        try (Harness h = harness(Map.of())) {
            benignHour("eni-2", "i-2", "10.0.0.6", T0).forEach(h::flow);
            scan(T0 + 5).forEach(h::flow);
            bruteForce(T0 + 5).forEach(h::flow);
            assertThat(findings(h)).as("the issue's scenario: an hour of another interface first")
                    .containsExactlyInAnyOrderElementsOf(attacksFirst);
        }
    }

    @Test
    void theInterfacesOwnNewerRecordsFirstWithinTheHorizon() {
        try (Harness h = harness(Map.of())) {
            benignHour("eni-1", "i-1", LOCAL, T0 + 20 * HOUR).forEach(h::flow); // 20 hours later, same interface
            scan(T0 + 5).subList(0, 100).forEach(h::flow);
            assertThat(findings(h)).containsExactly(Tuple.tuple("Recon:EC2/Portscan", 100L));
            assertThat(h.beyondHorizon()).isZero();
        }
    }

    @Test
    void recordsBeyondTheHorizonAreCountedAndStillFeedTheStatelessRules() {
        try (Harness h = harness(Map.of())) {
            h.flow(flow(LOCAL, "203.0.113.9", 40000, 443, 6, 40, "ACCEPT", T0 + 25 * HOUR));
            h.candidates();
            scan(T0 + 5).subList(0, 100).forEach(h::flow); // more than 24 hours older than i-1's newest record
            h.flow(flow(LOCAL, "128.31.0.39", 40000, 9231, 6, 10, "ACCEPT", T0 + 60)); // moria1: a Tor client
            assertThat(findings(h)).as("no window, the threat list still matches")
                    .containsExactly(Tuple.tuple("UnauthorizedAccess:EC2/TorClient", 1L));
            assertThat(h.beyondHorizon()).as("100 probes x (scan, sweep, DoS) and the Tor flow's DoS")
                    .isGreaterThan(300.0);
        }
        try (Harness h = harness(Map.of("detector.rules.lateness-horizon", "PT48H"))) {
            h.flow(flow(LOCAL, "203.0.113.9", 40000, 443, 6, 40, "ACCEPT", T0 + 25 * HOUR));
            scan(T0 + 5).subList(0, 100).forEach(h::flow);
            assertThat(findings(h)).as("positive control: a longer horizon")
                    .containsExactly(Tuple.tuple("Recon:EC2/Portscan", 100L));
        }
    }

    @Test
    void updatesWaitForEndPlusGraceWhenTheWallClockUpdatesAreOff() {
        try (Harness h = harness(Map.of("detector.rules.update-interval", "PT0S"))) {
            scan(T0 + 5).subList(0, 30).forEach(h::flow);
            assertThat(h.candidates()).extracting(c -> c.finding().service().count()).containsExactly(25L);
            h.advanceWallClock(Duration.ofHours(1));
            assertThat(h.candidates()).isEmpty();
            h.flow(flow(LOCAL, "203.0.113.9", 40000, 443, 6, 40, "ACCEPT", T0 + 14 * MIN)); // within grace
            assertThat(h.candidates()).isEmpty();
            h.flow(flow(LOCAL, "203.0.113.9", 40001, 443, 6, 40, "ACCEPT", T0 + 15 * MIN)); // window end + grace
            assertThat(h.candidates()).extracting(c -> c.finding().service().count()).containsExactly(5L);
        }
    }

    @Test
    void windowsExpireByTheirResourcesClockAndIdleResourcesAreForgotten() {
        try (Harness h = harness(Map.of("detector.rules.update-interval", "PT0S"))) {
            scan(T0 + 5).subList(0, 30).forEach(h::flow);
            h.candidates();
            h.flow(flow("eni-2", "i-2", "10.0.0.6", "198.51.100.9", 40000, 9999, 6, 1, "ACCEPT", T0));
            long windows = h.entries(WindowProcessor.WINDOWS);
            assertThat(h.entries(WindowProcessor.CLOCKS)).isEqualTo(2);
            // i-1's clock passes its windows' end plus the horizon: they go, their pending update with them
            h.flow(flow(LOCAL, "203.0.113.9", 40000, 443, 6, 40, "ACCEPT", T0 + 25 * HOUR));
            assertThat(h.candidates()).extracting(c -> c.finding().service().count()).containsExactly(5L);
            assertThat(h.entries(WindowProcessor.WINDOWS)).as("only i-2's and i-1's newest").isLessThan(windows);
            // a day of wall clock without observations: every resource is forgotten
            h.advanceWallClock(Duration.ofHours(24).plusMinutes(11));
            assertThat(h.entries(WindowProcessor.WINDOWS)).isZero();
            assertThat(h.entries(WindowProcessor.CLOCKS)).isZero();
        }
    }

    @Test
    void noInputNoFinding() {
        Map<String, String> one = Map.of("detector.rules.portscan.min-ports", "1",
                "detector.rules.port-sweep.min-hosts", "1", "detector.rules.port-probe.min-sources", "1",
                "detector.rules.brute-force.min-attempts", "1", "detector.rules.denial-of-service.min-packets", "1",
                "detector.rules.dns-exfiltration.min-queries", "1", "detector.rules.console-login.min-networks", "1");
        try (Harness h = harness(one)) {
            for (int step = 1; step <= 24; step++) { // two hours of wall clock and no input
                h.advanceWallClock(Duration.ofMinutes(5));
            }
            assertThat(h.candidates()).as("no input, no finding").isEmpty();
            // positive control: one real SSH connection is a finding at these thresholds, counted once
            h.flow(flow(LOCAL, REMOTE, 50000, 22, 6, 10, "ACCEPT", T0 + 2 * HOUR + 10));
            List<FindingCandidate> out = h.candidates();
            assertThat(out).extracting(c -> c.finding().type())
                    .containsExactlyInAnyOrder("UnauthorizedAccess:EC2/SSHBruteForce", "Backdoor:EC2/DenialOfService.Tcp");
            assertThat(out).allSatisfy(c -> assertThat(c.finding().service().count()).isEqualTo(1L));
            h.advanceWallClock(Duration.ofHours(2));
            assertThat(h.candidates()).as("flushing again adds nothing").isEmpty();
        }
    }

    @Test
    void aBacklogOfOneAccountIsNotLateBecauseAnotherAccountIsAhead() {
        try (Harness h = harness(Map.of())) {
            h.account("222222222222", "ENABLED");
            h.flow(flow("222222222222", "eni-b", "i-b", "10.1.0.9", "192.0.2.200", 45000, 443, 6, 1, "ACCEPT",
                    T0 + 30 * HOUR));
            scan(T0 + 5).subList(0, 30).forEach(h::flow);
            assertThat(findings(h)).containsExactly(Tuple.tuple("Recon:EC2/Portscan", 30L));
        }
    }
}
