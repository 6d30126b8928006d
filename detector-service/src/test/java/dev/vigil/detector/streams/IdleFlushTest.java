package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The idle flush of {@link WindowProcessor} and its clocks per account and rule: the last windows close when the input
 * goes quiet, never ahead of the data of a backlog, and one account's clock never makes another's records late. The driver's mock wall clock starts at {@code T0} and moves only when advanced;
 * defaults: 10-minute windows, 5 minutes of grace, ticks every 30 seconds, 5 minutes behind the wall clock.
 */
class IdleFlushTest {

    private static final String LOCAL = "10.0.0.5";
    private static final String REMOTE = "198.51.100.50";

    private static Harness harness(Map<String, String> overrides) {
        return new Harness(overrides, Instant.ofEpochSecond(T0)).account(Harness.ACCOUNT, "ENABLED");
    }

    /**
     * Advances the wall clock to {@code T0 + sec} in one step: the flush, due every 30 seconds, runs once (a
     * wall-clock punctuator that missed several intervals runs once), with a tick at {@code T0 + sec} minus the margin.
     */
    private static void wallClockTo(Harness h, long[] now, long sec) {
        h.advanceWallClock(Duration.ofSeconds(sec - now[0]));
        now[0] = sec;
    }

    private static void portscan(Harness h, int ports, long startSec) {
        for (int i = 0; i < ports; i++) {
            h.flow(flow(LOCAL, REMOTE, 50000 + i, 1 + i, 6, 1, "ACCEPT", startSec + i));
        }
    }

    @Test
    void theLastWindowIsEmittedOnceWhenTheWallClockPassesWindowEndPlusGracePlusMargin() {
        try (Harness h = harness(Map.of())) {
            long[] now = {0};
            portscan(h, 30, T0 + 10); // the last records: nothing follows
            wallClockTo(h, now, 5 * 60);
            wallClockTo(h, now, 19 * 60 + 30); // tick at T0+14m30s: window [T0, T0+10m) still within its grace
            assertThat(h.candidates()).isEmpty();
            wallClockTo(h, now, 20 * 60 + 30); // tick at T0+15m30s
            List<FindingCandidate> out = h.candidates();
            assertThat(out).extracting(c -> c.finding().type()).containsExactly("Recon:EC2/Portscan");
            String id = FindingIds.findingId(Harness.ACCOUNT, Harness.REGION, "Recon:EC2/Portscan", "i-1|" + REMOTE);
            assertThat(out.get(0).finding().id()).isEqualTo(id);
            assertThat(out.get(0).eventId()).isEqualTo(FindingIds.candidateEventId(id, "window:" + T0 * 1000));
            assertThat(out.get(0).finding().service().count()).isEqualTo(30L);
            wallClockTo(h, now, 60 * 60);
            assertThat(h.candidates()).as("a closed window is never emitted again").isEmpty();
        }
    }

    @Test
    void withoutTheFlushTheLastWindowStaysOpen() {
        try (Harness h = harness(Map.of("detector.rules.idle-flush-interval", "PT0S"))) {
            long[] now = {0};
            portscan(h, 30, T0 + 10);
            wallClockTo(h, now, 60 * 60);
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void theMarginIsConfigurable() {
        try (Harness h = harness(Map.of("detector.rules.idle-flush-margin", "PT1M"))) {
            long[] now = {0};
            portscan(h, 30, T0 + 10);
            wallClockTo(h, now, 15 * 60 + 30); // tick at T0+14m30s
            assertThat(h.candidates()).isEmpty();
            wallClockTo(h, now, 16 * 60 + 30);
            assertThat(h.candidates()).extracting(c -> c.finding().type()).containsExactly("Recon:EC2/Portscan");
        }
    }

    @Test
    void theIdleFlushNeverMakesAFindingWithoutData() {
        Map<String, String> one = Map.of("detector.rules.portscan.min-ports", "1",
                "detector.rules.port-sweep.min-hosts", "1", "detector.rules.port-probe.min-sources", "1",
                "detector.rules.brute-force.min-attempts", "1", "detector.rules.denial-of-service.min-packets", "1",
                "detector.rules.dns-exfiltration.min-queries", "1", "detector.rules.console-login.min-networks", "1");
        try (Harness h = harness(one)) {
            long[] now = {0};
            for (int step = 1; step <= 24; step++) { // two hours of wall clock and no input: nothing to close
                wallClockTo(h, now, step * 5 * 60);
            }
            assertThat(h.candidates()).as("no input, no finding").isEmpty();

            // positive control: one real SSH connection is a finding at these thresholds, counted once
            h.flow(flow(LOCAL, REMOTE, 50000, 22, 6, 10, "ACCEPT", T0 + 2 * 60 * 60 + 10));
            wallClockTo(h, now, 2 * 60 * 60 + 30 * 60);
            List<FindingCandidate> out = new ArrayList<>(h.candidates());
            assertThat(out).extracting(c -> c.finding().type())
                    .containsExactlyInAnyOrder("UnauthorizedAccess:EC2/SSHBruteForce", "Backdoor:EC2/DenialOfService.Tcp");
            assertThat(out).allSatisfy(c -> assertThat(c.finding().service().count()).isEqualTo(1L));
            wallClockTo(h, now, 4 * 60 * 60);
            assertThat(h.candidates()).as("flushing again adds nothing").isEmpty();
        }
    }

    @Test
    void aBacklogOfOneAccountIsNotLateBecauseAnotherAccountIsAhead() {
        try (Harness h = harness(Map.of())) {
            h.account("222222222222", "ENABLED");
            // account 222222222222 is live, hours ahead ...
            h.flow(flow("222222222222", "eni-b", "i-b", "10.1.0.9", "192.0.2.200", 45000, 443, 6, 1, "ACCEPT",
                    T0 + 6 * 60 * 60));
            // ... while account 111111111111 replays older logs, a scan among them
            portscan(h, 30, T0 + 10);
            h.flow(flow("eni-x", "i-x", "10.9.9.9", "192.0.2.201", 45000, 443, 6, 1, "ACCEPT", T0 + 20 * 60));
            assertThat(h.candidates()).extracting(c -> c.finding().type()).containsExactly("Recon:EC2/Portscan");
        }
    }

    @Test
    void theIdleFlushDoesNotRunAheadOfABacklogThatPauses() {
        try (Harness h = harness(Map.of())) {
            long[] now = {7 * 24 * 60 * 60}; // the wall clock is a week after the data
            h.advanceWallClock(Duration.ofSeconds(now[0]));
            portscan(h, 10, T0 + 10);
            wallClockTo(h, now, now[0] + 5 * 60); // a pause between two files: the flush closes the data's windows
            assertThat(h.candidates()).isEmpty();
            // the next file goes on from where the first stopped: its windows are open, nothing is late
            portscan(h, 30, T0 + 20 * 60);
            wallClockTo(h, now, now[0] + 5 * 60);
            assertThat(h.candidates()).extracting(c -> c.finding().service().count()).containsExactly(30L);
        }
    }
}
