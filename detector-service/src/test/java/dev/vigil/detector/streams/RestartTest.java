package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * State survives a restart: the real {@link DetectorTopology} with RocksDB stores (the production store type) runs
 * half of a port scan and half of a principal's behavioural baseline, stops, and a new driver with the same
 * application ID and the same {@code state.dir} runs the rest ({@link Harness#closeKeepingState()} explains how the
 * on-disk state is kept: {@code TopologyTestDriver.close()} itself deletes it). Nothing is mocked.
 *
 * <p>The restarted run must give exactly the findings of an uninterrupted run of the same input: the same finding IDs,
 * the same candidate event IDs (downstream deduplicates on them, so a window emitted again after a restart is not
 * counted twice) and the full count (a window or baseline lost at the restart would give a smaller count, or, for
 * the baseline, a learning period that starts again and hides the anomaly).
 */
class RestartTest {

    private static final String LOCAL = "10.0.0.5";
    private static final String REMOTE = "198.51.100.50";
    private static final String CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.10 exe/x86_64";
    private static final long DAY = 86_400;
    /** The scan runs on day 3, in the ten-minute window starting at {@code SCAN}. */
    private static final long SCAN = T0 + 3 * DAY;

    private static Harness start(Path dir) {
        return new Harness(Map.of(), dir, Instant.ofEpochSecond(T0)).account(Harness.ACCOUNT, "ENABLED");
    }

    /** alice's calls by day (0 to 7), built once so that both runs get identical records (event IDs included). */
    private static final List<CloudTrailRecord> NORMAL = java.util.stream.LongStream.rangeClosed(0, 7)
            .mapToObj(d -> describe(T0 + d * DAY + 60)).toList();
    private static final CloudTrailRecord NORMAL_AFTER_LEARNING = describe(T0 + 7 * DAY + 3600);
    private static final CloudTrailRecord UNUSUAL = Records.call("iam.amazonaws.com", "CreateAccessKey",
            "198.51.100.7", "python-requests/2.31", "{}", null, T0 + 7 * DAY + 3660);

    private static CloudTrailRecord describe(long t) {
        return Records.call("ec2.amazonaws.com", "DescribeInstances", "203.0.113.10", CLI, "{}", null, t);
    }

    /** Days 0 to 3 of alice's normal use, then the first 15 ports of the scan (spread over the window). */
    private static void firstHalf(Harness h) {
        NORMAL.subList(0, 4).forEach(h::cloudTrail);
        for (int i = 0; i < 15; i++) {
            h.flow(flow(LOCAL, REMOTE, 50000 + i, 1 + i, 6, 1, "ACCEPT", SCAN + 10 + i * 19L));
        }
    }

    /**
     * The other 15 ports, a later probe elsewhere that moves stream time past the window's end plus grace (closing
     * it), days 4 to 7 of normal use, then after the 7-day learning period a normal call and an unusual one.
     */
    private static void secondHalf(Harness h) {
        for (int i = 15; i < 30; i++) {
            h.flow(flow(LOCAL, REMOTE, 50000 + i, 1 + i, 6, 1, "ACCEPT", SCAN + 10 + i * 19L));
        }
        h.flow(flow(LOCAL, "198.51.100.99", 40000, 443, 6, 1, "ACCEPT", SCAN + 16 * 60));
        NORMAL.subList(4, 8).forEach(h::cloudTrail);
        h.cloudTrail(NORMAL_AFTER_LEARNING);
        h.cloudTrail(UNUSUAL);
    }

    private static List<FindingCandidate> run(Path dir, boolean restart) {
        List<FindingCandidate> out = new ArrayList<>();
        Harness h = start(dir);
        firstHalf(h);
        out.addAll(h.candidates());
        if (restart) {
            h.closeKeepingState();
            h = start(dir);
        }
        secondHalf(h);
        out.addAll(h.candidates());
        h.advanceWallClock(java.time.Duration.ofSeconds(31)); // the update interval: pending window updates
        out.addAll(h.candidates());
        h.close();
        return Findings.merge(out);
    }

    private static Path tempDir(String prefix) throws java.io.IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", "kstreams-test")), prefix);
    }

    private static void check(List<FindingCandidate> out, Consumer<FindingCandidate> more) {
        assertThat(out).extracting(c -> c.finding().type())
                .containsExactlyInAnyOrder("Recon:EC2/Portscan", "Persistence:IAMUser/AnomalousBehavior");
        out.forEach(more);
    }

    @Test
    void windowsAndBaselinesSurviveARestartAndGiveTheFindingsOfAnUninterruptedRun() throws Exception {
        Path dir = tempDir("restart");
        List<FindingCandidate> restarted = run(dir, true);
        check(restarted, c -> {
            if (c.finding().type().equals("Recon:EC2/Portscan")) {
                assertThat(c.finding().service().count()).as("both halves of the window").isEqualTo(30L);
                assertThat(dev.vigil.events.model.AdditionalInfo.members(c.finding().service().additionalInfo()).get("distinctCount").asLong()).isEqualTo(30L);
            } else {
                assertThat(c.finding().service().detection()
                        .at("/anomaly/unusual/behavior/AIDAEXAMPLE/api/observations/text/0").asText())
                        .isEqualTo("iam.amazonaws.com:CreateAccessKey");
            }
        });

        List<FindingCandidate> uninterrupted = run(tempDir("uninterrupted"), false);
        check(uninterrupted, c -> { });
        assertThat(restarted).extracting(c -> c.finding().id(), FindingCandidate::eventId,
                c -> c.finding().service().count())
                .containsExactlyInAnyOrderElementsOf(uninterrupted.stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.finding().id(), c.eventId(),
                                c.finding().service().count()))
                        .toList());
    }

    @Test
    void withoutTheKeptStateTheBaselineStartsAgainAndTheHalfWindowIsLost() throws Exception {
        // the negative control: the same input with the state directory lost at the restart
        Path dir = tempDir("lost");
        Harness h = start(dir);
        firstHalf(h);
        h.close(); // TopologyTestDriver.close() deletes the task directories
        h = start(dir);
        secondHalf(h);
        List<FindingCandidate> out = h.candidates();
        h.close();
        assertThat(out).extracting(c -> c.finding().type())
                .as("15 ports are below the threshold of 25 and day 4 restarts the learning period")
                .isEmpty();
    }

    @Test
    void aRestartedIdleTaskEmitsThePendingUpdateOfAWindow() throws Exception {
        // this test asserted that the window was emitted only when the idle flush closed it; it is emitted at once
        Path dir = tempDir("idle");
        Harness h = start(dir);
        for (int i = 0; i < 30; i++) { // the last records before the input goes quiet
            h.flow(flow(LOCAL, REMOTE, 50000 + i, 1 + i, 6, 1, "ACCEPT", T0 + 10 + i));
        }
        List<FindingCandidate> before = h.candidates();
        assertThat(before).extracting(c -> c.finding().service().count()).as("on crossing").containsExactly(25L);
        h.closeKeepingState();

        // restarted a minute later; from now on only the wall clock moves (defaults: updates every 30 s)
        h = new Harness(Map.of(), dir, Instant.ofEpochSecond(T0 + 60)).account(Harness.ACCOUNT, "ENABLED");
        h.advanceWallClock(java.time.Duration.ofSeconds(31));
        List<FindingCandidate> after = h.candidates();
        h.close();
        String id = dev.vigil.events.FindingIds.findingId(Harness.ACCOUNT, Harness.REGION, "Recon:EC2/Portscan",
                "i-1|" + REMOTE);
        assertThat(after).extracting(c -> c.finding().id(), c -> c.finding().service().count())
                .as("the 5 ports after the crossing, kept in the store").containsExactly(
                        org.assertj.core.groups.Tuple.tuple(id, 5L));
        assertThat(after.get(0).eventId())
                .isEqualTo(dev.vigil.events.FindingIds.candidateEventId(id, "window:" + T0 * 1000 + "+30"));
    }
}
