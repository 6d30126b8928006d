package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import dev.vigil.events.FlowLogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Windowed detections through the real topology ({@link Harness}: TopologyTestDriver, real window stores).
 * Defaults: 10-minute tumbling windows (1 minute for DoS); a window's candidate is emitted when its threshold is
 * crossed and updated (count added) as it grows. {@link #drain()} lets the update interval pass and aggregates the
 * candidates by finding ID as findings-service does ({@link Findings}). Event times are explicit.
 */
class WindowedDetectionsTest {

    private static final String LOCAL = "10.0.0.5";
    private static final String REMOTE = "198.51.100.50";
    private static final long MIN = 60;
    private Harness h;

    @BeforeEach
    void start() {
        h = new Harness().account(Harness.ACCOUNT, "ENABLED");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /**
     * Advances stream time of every windowed rule to {@code sec} with records of another instance that stay under
     * every threshold.
     */
    private void tick(long sec) {
        h.flow(flow("eni-tick", "i-tick", "10.9.9.9", "192.0.2.200", 45000, 80, 6, 1, "ACCEPT", sec));
        h.flow(flow("eni-tick", "i-tick", "192.0.2.201", "10.9.9.9", 45000, 8443, 6, 1, "ACCEPT", sec));
        h.flow(flow("eni-tick", "i-tick", "192.0.2.202", "10.9.9.9", 45000, 22, 6, 1, "ACCEPT", sec));
        h.dns(Records.dns("q" + Records.randomLabel(new Random(sec), 40) + ".tick.example.org", sec));
        h.cloudTrail(Records.login("tick-user", "192.0.2.203", sec));
    }

    /** The findings of the candidates emitted since the last call, after the wall-clock update interval. */
    private List<FindingCandidate> drain() {
        h.advanceWallClock(java.time.Duration.ofSeconds(31));
        return Findings.merge(h.candidates());
    }

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    private void portscan(int fromPort, int ports, long startSec, long packets) {
        for (int i = 0; i < ports; i++) {
            h.flow(flow(LOCAL, REMOTE, 50000 + i, fromPort + i, 6, packets, "ACCEPT", startSec + i));
        }
    }

    @Test
    void portscanIsEmittedWhenItsThresholdIsCrossedThenUpdatedAsTheWindowGrows() {
        portscan(1, 30, T0 + 10, 1);
        List<FindingCandidate> crossing = h.candidates();
        assertThat(types(crossing)).as("emitted by the 25th port, not when the window closes")
                .containsExactly("Recon:EC2/Portscan");
        assertThat(crossing.get(0).finding().service().count()).isEqualTo(25L);
        String id = FindingIds.findingId(Harness.ACCOUNT, Harness.REGION, "Recon:EC2/Portscan", "i-1|" + REMOTE);
        assertThat(crossing.get(0).eventId()).isEqualTo(FindingIds.candidateEventId(id, "window:" + T0 * 1000));
        h.advanceWallClock(java.time.Duration.ofSeconds(31));
        List<FindingCandidate> update = h.candidates();
        assertThat(update).as("the other 5 ports, as an update of the same finding").hasSize(1);
        assertThat(update.get(0).finding().id()).isEqualTo(id);
        assertThat(update.get(0).finding().service().count()).isEqualTo(5L);
        assertThat(update.get(0).eventId()).isEqualTo(FindingIds.candidateEventId(id, "window:" + T0 * 1000 + "+30"));

        List<FindingCandidate> merged = Findings.merge(java.util.stream.Stream.concat(crossing.stream(),
                update.stream()).toList());
        assertThat(merged).hasSize(1);
        FindingCandidate c = merged.get(0);
        assertThat(c.finding().id()).isEqualTo(id);
        assertThat(c.finding().service().count()).isEqualTo(30L);
        assertThat(dev.vigil.events.model.AdditionalInfo.members(c.finding().service().additionalInfo()).get("distinctCount").asLong()).isEqualTo(30L);
        assertThat(c.finding().severity()).isEqualTo(5.0);
        assertThat(c.finding().service().resourceRole()).isEqualTo("ACTOR");
        assertThat(c.finding().service().eventFirstSeen()).isEqualTo("2026-11-29T10:00:10.000Z");
        assertThat(c.finding().service().eventLastSeen()).isEqualTo("2026-11-29T10:00:39.000Z");
        assertThat(c.finding().service().action().path("actionType").asText()).isEqualTo("NETWORK_CONNECTION");
        tick(T0 + 30 * MIN);
        assertThat(drain()).as("nothing new, nothing emitted").isEmpty();
    }

    @Test
    void portscanLookAlikesStaySilent() {
        portscan(1, 10, T0 + 10, 1); // few ports
        for (int i = 0; i < 30; i++) { // real sessions with data to one host on many ports
            h.flow(flow(LOCAL, "198.51.100.51", 50000 + i, 8000 + i, 6, 40, "ACCEPT", T0 + 60 + i));
        }
        tick(T0 + 16 * MIN);
        assertThat(drain()).isEmpty();
    }

    @Test
    void windowEdgesLateAndOutOfOrderRecords() {
        // 15 ports just before the edge and 15 from the edge on: two windows, neither reaches 25
        portscan(1, 15, T0 + 10 * MIN - 15, 1);
        portscan(100, 15, T0 + 10 * MIN, 1);
        tick(T0 + 26 * MIN);
        assertThat(drain()).isEmpty();

        long w = T0 + 30 * MIN;
        portscan(1, 20, w + 60, 1);
        tick(w + 12 * MIN); // stream time past the window end, within grace
        portscan(200, 10, w + 5 * MIN, 1); // out of order, still accepted
        tick(w + 16 * MIN);
        List<FindingCandidate> out = drain();
        assertThat(types(out)).containsExactly("Recon:EC2/Portscan");
        assertThat(out.get(0).finding().service().count()).isEqualTo(30L);

        // later than the grace period (this test asserted they were dropped): within the lateness horizon, counted
        portscan(300, 30, w + 6 * MIN, 1);
        tick(w + 40 * MIN);
        List<FindingCandidate> late = drain();
        assertThat(late).extracting(c -> c.finding().id()).containsExactly(out.get(0).finding().id());
        assertThat(late.get(0).finding().service().count()).isEqualTo(30L);
    }

    @Test
    void portSweepAndItsLookAlike() {
        for (int i = 0; i < 30; i++) {
            h.flow(flow(LOCAL, "198.51.100." + (100 + i), 50000 + i, 445, 6, 1, "ACCEPT", T0 + 10 + i));
            h.flow(flow(LOCAL, "203.0.113." + (100 + i), 50000 + i, 443, 6, 40, "ACCEPT", T0 + 10 + i));
        }
        tick(T0 + 16 * MIN);
        List<FindingCandidate> out = drain();
        assertThat(types(out)).containsExactly("Impact:EC2/PortSweep");
        assertThat(out.get(0).finding().severity()).isEqualTo(8.0);
    }

    @Test
    void portProbeUnprotectedPortIsHighForElasticsearch() {
        for (int i = 0; i < 6; i++) {
            h.flow(flow("192.0.2." + (10 + i), LOCAL, 40000 + i, 9200, 6, 2, "ACCEPT", T0 + 10 + i));
            h.flow(flow("192.0.2." + (10 + i), LOCAL, 40000 + i, 8080, 6, 2, "ACCEPT", T0 + 10 + i));
            // look-alikes: a protected port (rejected) and real clients of a public web server
            h.flow(flow("192.0.2." + (10 + i), LOCAL, 40000 + i, 5432, 6, 2, "REJECT", T0 + 10 + i));
            h.flow(flow("203.0.113." + (10 + i), LOCAL, 40000 + i, 443, 6, 30, "ACCEPT", T0 + 10 + i));
        }
        tick(T0 + 16 * MIN);
        List<FindingCandidate> out = drain();
        assertThat(types(out)).containsExactly("Recon:EC2/PortProbeUnprotectedPort",
                "Recon:EC2/PortProbeUnprotectedPort");
        FindingCandidate es = out.stream().filter(c -> c.finding().severity() == 8.0).findFirst().orElseThrow();
        JsonNode probe = es.finding().service().action();
        assertThat(probe.path("actionType").asText()).isEqualTo("PORT_PROBE");
        assertThat(probe.path("portProbeAction").path("portProbeDetails")).hasSize(6);
        assertThat(probe.path("portProbeAction").path("portProbeDetails").get(0).path("localPortDetails")
                .path("port").asInt()).isEqualTo(9200);
        assertThat(es.finding().service().resourceRole()).isEqualTo("TARGET");
        assertThat(out).anySatisfy(c -> assertThat(c.finding().severity()).isEqualTo(2.0));
    }

    @Test
    void bruteForceSeverityFollowsTheResourceRole() {
        for (int i = 0; i < 25; i++) {
            h.flow(flow("203.0.113.66", LOCAL, 40000 + i, 22, 6, 12, "ACCEPT", T0 + 10 + i));
            h.flow(flow(LOCAL, "203.0.113.67", 40000 + i, 22, 6, 12, "ACCEPT", T0 + 10 + i));
            h.flow(flow("203.0.113.68", LOCAL, 40000 + i, 3389, 6, 12, "ACCEPT", T0 + 10 + i));
            h.flow(flow(LOCAL, "203.0.113.69", 40000 + i, 5985, 6, 12, "ACCEPT", T0 + 10 + i));
        }
        for (int i = 0; i < 5; i++) { // look-alike: an admin's few SSH sessions
            h.flow(flow("198.51.100.77", LOCAL, 40000 + i, 22, 6, 500, "ACCEPT", T0 + 10 + i));
        }
        tick(T0 + 16 * MIN);
        List<FindingCandidate> out = drain();
        assertThat(types(out)).containsExactlyInAnyOrder("UnauthorizedAccess:EC2/SSHBruteForce",
                "UnauthorizedAccess:EC2/SSHBruteForce", "UnauthorizedAccess:EC2/RDPBruteForce",
                "Impact:EC2/WinRMBruteForce");
        for (FindingCandidate c : out) {
            String role = c.finding().service().resourceRole();
            assertThat(c.finding().severity()).isEqualTo("ACTOR".equals(role) ? 8.0 : 2.0);
            assertThat(c.finding().service().count()).isEqualTo(25L);
        }
        assertThat(out).filteredOn(c -> c.finding().type().endsWith("SSHBruteForce"))
                .extracting(c -> c.finding().service().resourceRole()).containsExactlyInAnyOrder("ACTOR", "TARGET");
    }

    @Test
    void denialOfServiceVariants() {
        long t = T0 + 10;
        h.flow(flow(LOCAL, "198.51.100.80", 40000, 80, 6, 600_000, "ACCEPT", t));
        h.flow(flow(LOCAL, "198.51.100.81", 40000, 5000, 17, 600_000, "ACCEPT", t));
        h.flow(flow(LOCAL, "198.51.100.82", 40000, 443, 17, 600_000, "ACCEPT", t));
        h.flow(flow(LOCAL, "198.51.100.83", 40000, 53, 17, 300_000, "ACCEPT", t));
        h.flow(flow(LOCAL, "198.51.100.83", 40001, 53, 17, 300_000, "ACCEPT", t + 5));
        h.flow(flow(LOCAL, "198.51.100.84", 0, 0, 47, 600_000, "ACCEPT", t));
        // look-alikes: a busy but ordinary download, and heavy traffic to a private peer
        h.flow(flow(LOCAL, "198.51.100.85", 40000, 443, 6, 20_000, "ACCEPT", t));
        h.flow(flow(LOCAL, "10.0.0.99", 40000, 9000, 6, 900_000, "ACCEPT", t));
        tick(T0 + 7 * MIN);
        List<FindingCandidate> out = drain();
        assertThat(types(out)).containsExactlyInAnyOrder("Backdoor:EC2/DenialOfService.Tcp",
                "Backdoor:EC2/DenialOfService.Udp", "Backdoor:EC2/DenialOfService.UdpOnTcpPorts",
                "Backdoor:EC2/DenialOfService.Dns", "Backdoor:EC2/DenialOfService.UnusualProtocol");
        assertThat(out).allSatisfy(c -> assertThat(c.finding().severity()).isEqualTo(8.0));
    }

    @Test
    void dnsDataExfiltrationAndItsLookAlike() {
        Random r = new Random(7);
        for (int i = 0; i < 30; i++) {
            h.dns(Records.dns(Records.randomLabel(r, 48) + ".x.exfil-example.com", T0 + 10 + i));
            // look-alikes: long but repetitive labels, and a few random ones under another domain
            h.dns(Records.dns("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + i + ".cdn.example.net", T0 + 10 + i));
        }
        for (int i = 0; i < 5; i++) {
            h.dns(Records.dns(Records.randomLabel(r, 48) + ".telemetry.example.org", T0 + 10 + i));
        }
        tick(T0 + 16 * MIN);
        List<FindingCandidate> out = drain();
        assertThat(types(out)).containsExactly("Trojan:EC2/DNSDataExfiltration");
        assertThat(out.get(0).finding().service().action().path("dnsRequestAction").path("domain").asText())
                .isEqualTo("exfil-example.com");
    }

    @Test
    void consoleLoginsFromTwoNetworksAtOnce() {
        h.cloudTrail(Records.login("alice", "198.51.100.1", T0 + 10));
        h.cloudTrail(Records.login("alice", "203.0.113.1", T0 + 130));
        // look-alikes: bob from one /16; carol from two networks an hour apart
        h.cloudTrail(Records.login("bob", "198.51.100.1", T0 + 10));
        h.cloudTrail(Records.login("bob", "198.51.7.200", T0 + 20));
        h.cloudTrail(Records.login("carol", "198.51.100.1", T0 + 10));
        h.cloudTrail(Records.login("carol", "203.0.113.1", T0 + 70 * MIN));
        tick(T0 + 16 * MIN);
        tick(T0 + 90 * MIN);
        List<FindingCandidate> out = drain();
        assertThat(types(out)).containsExactly("UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B");
        assertThat(out.get(0).finding().resource().path("accessKeyDetails").path("userName").asText())
                .isEqualTo("alice");
        assertThat(out.get(0).finding().severity()).isEqualTo(5.0);
    }

    @Test
    void disabledDetectorKeepsWindowsSilent() {
        h.account(Harness.ACCOUNT, "DISABLED");
        portscan(1, 30, T0 + 10, 1);
        h.account(Harness.ACCOUNT, "ENABLED");
        tick(T0 + 16 * MIN);
        assertThat(drain()).isEmpty();
    }

    @Test
    void replayGivesTheSameFindingIdsAndEventIds() {
        List<FlowLogRecord> input = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            input.add(flow(LOCAL, REMOTE, 50000 + i, 1 + i, 6, 1, "ACCEPT", T0 + 10 + i));
            input.add(flow("203.0.113.66", LOCAL, 40000 + i, 22, 6, 12, "ACCEPT", T0 + 10 + i));
        }
        input.forEach(h::flow);
        tick(T0 + 16 * MIN);
        List<FindingCandidate> first = drain();
        try (Harness again = new Harness().account(Harness.ACCOUNT, "ENABLED")) {
            input.forEach(again::flow);
            again.flow(flow("eni-tick", "i-tick", "10.9.9.9", "192.0.2.200", 45000, 80, 6, 1, "ACCEPT", T0 + 16 * MIN));
            again.flow(flow("eni-tick", "i-tick", "192.0.2.202", "10.9.9.9", 45000, 22, 6, 1, "ACCEPT", T0 + 16 * MIN));
            List<FindingCandidate> second = again.candidates();
            assertThat(first).hasSize(2);
            assertThat(second.stream().map(FindingCandidate::eventId).sorted().toList())
                    .isEqualTo(first.stream().map(FindingCandidate::eventId).sorted().toList());
            assertThat(second.stream().map(c -> c.finding().id()).sorted().toList())
                    .isEqualTo(first.stream().map(c -> c.finding().id()).sorted().toList());
        }
    }
}
