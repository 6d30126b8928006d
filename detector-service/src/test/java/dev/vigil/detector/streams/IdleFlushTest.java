package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.rules.WindowAgg;
import dev.vigil.detector.rules.WindowRules;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.junit.jupiter.api.Test;

/**
 * The idle-partition flush ({@link IdleFlush}): wall-clock ticks close the last windows when the input goes quiet, and
 * never form a finding themselves. The driver's mock wall clock starts at {@code T0} and moves only when advanced;
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
    void ticksNeverFormAFindingEvenWithThresholdsOfOne() {
        Map<String, String> one = Map.of("detector.rules.portscan.min-ports", "1",
                "detector.rules.port-sweep.min-hosts", "1", "detector.rules.port-probe.min-sources", "1",
                "detector.rules.brute-force.min-attempts", "1", "detector.rules.denial-of-service.min-packets", "1",
                "detector.rules.dns-exfiltration.min-queries", "1", "detector.rules.console-login.min-networks", "1");
        try (Harness h = harness(one)) {
            long[] now = {0};
            for (int step = 1; step <= 24; step++) { // two hours of wall clock and no input: nothing to close, no tick
                wallClockTo(h, now, step * 5 * 60);
            }
            assertThat(h.candidates()).as("no input, no finding").isEmpty();

            // positive control: one real SSH connection is a finding at these thresholds, and ticks do not add to it
            h.flow(flow(LOCAL, REMOTE, 50000, 22, 6, 10, "ACCEPT", T0 + 2 * 60 * 60 + 10));
            wallClockTo(h, now, 2 * 60 * 60 + 30 * 60);
            List<FindingCandidate> out = new ArrayList<>(h.candidates());
            assertThat(out).extracting(c -> c.finding().type())
                    .containsExactlyInAnyOrder("UnauthorizedAccess:EC2/SSHBruteForce", "Backdoor:EC2/DenialOfService.Tcp");
            assertThat(out).allSatisfy(c -> {
                assertThat(c.finding().service().count()).isEqualTo(1L);
                assertThat(c.finding().resource().toString()).doesNotContain(IdleFlush.TICK_PREFIX);
            });
            for (WindowRules.Rule rule : WindowRules.Rule.values()) {
                List<KeyValue<Windowed<String>, WindowAgg>> windows = new ArrayList<>();
                try (var it = h.windowStore("window-" + rule.name().toLowerCase(Locale.ROOT)).all()) {
                    it.forEachRemaining(windows::add);
                }
                assertThat(windows).as("ticks reach every partition of " + rule).extracting(w -> w.key.key())
                        .containsAll(IdleFlush.keys());
                assertThat(windows).filteredOn(w -> IdleFlush.isTick(w.key.key()))
                        .as("a tick's window aggregate counts nothing").allSatisfy(w -> {
                            assertThat(w.value.count).isZero();
                            assertThat(w.value.rule).isNull();
                        });
            }
            assertThat(h.candidates()).as("ticks alone never add a finding").isEmpty();
        }
    }

    @Test
    void tickKeysReachEveryPartitionThroughTheProducersPartitioner() {
        List<String> keys = IdleFlush.keys();
        assertThat(keys).hasSize(Topics.LOG_PARTITIONS);
        assertThat(new HashSet<>(keys)).hasSize(Topics.LOG_PARTITIONS);
        for (int p = 0; p < keys.size(); p++) {
            assertThat(keys.get(p)).startsWith(IdleFlush.TICK_PREFIX);
            assertThat(BuiltInPartitioner.partitionForKey(keys.get(p).getBytes(StandardCharsets.UTF_8),
                    Topics.LOG_PARTITIONS)).as(keys.get(p)).isEqualTo(p);
            assertThat(IdleFlush.isTick(keys.get(p))).isTrue();
        }
        assertThat(IdleFlush.isTick("PORTSCAN|111111111111|us-east-1|i-1|" + REMOTE)).isFalse();
    }

    @Test
    void ticksFollowTheDataAndOnlyRunAheadOfItWhenTheInputIsIdle() {
        long margin = 300_000;
        long ahead = 900_001;
        assertThat(IdleFlush.nextTick(10_000_000, margin, Long.MIN_VALUE, ahead, true, Long.MIN_VALUE))
                .as("nothing seen: no tick").isEqualTo(Long.MIN_VALUE);
        assertThat(IdleFlush.nextTick(10_000_000, margin, 2_000_000, ahead, false, Long.MIN_VALUE))
                .as("input still arriving: latest minus the margin").isEqualTo(1_700_000);
        assertThat(IdleFlush.nextTick(10_000_000, margin, 2_000_000, ahead, true, Long.MIN_VALUE))
                .as("idle: close every window that holds data").isEqualTo(2_900_001);
        assertThat(IdleFlush.nextTick(2_500_000, margin, 2_000_000, ahead, true, Long.MIN_VALUE))
                .as("idle, but never past the wall clock minus the margin").isEqualTo(2_200_000);
        assertThat(IdleFlush.nextTick(10_000_000, margin, 2_000_000, ahead, false, 2_900_001))
                .as("never back").isEqualTo(2_900_001);
    }
}
