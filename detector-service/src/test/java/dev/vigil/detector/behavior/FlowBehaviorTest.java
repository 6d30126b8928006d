package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Network baselines: learning, NetworkPortUnusual, TrafficVolumeUnusual, Spambot. */
class FlowBehaviorTest extends BehaviorTestBase {

    /** One hour of learning in these tests; the default is 7 days. */
    private static final long LEARN_SEC = 3600;

    /** Outbound flow from i-1 (10.0.0.5) to {@code remote}:{@code port} carrying packets x 60 bytes. */
    private static FlowLogRecord out(String remote, int port, long packets, long endSec) {
        return Records.flow("10.0.0.5", remote, 50000, port, 6, packets, "ACCEPT", endSec);
    }

    /** A normal learned period: HTTPS to two hosts and DNS over TCP, 60-120 kB per flow, every 2 minutes. */
    private void learnNormal() {
        for (int i = 0; i < 40; i++) {
            h.flow(out(i % 2 == 0 ? "93.184.216.34" : "140.82.112.3", 443, 1000 + (i * 37) % 1000, T0 + i * 120L));
        }
        h.flow(out("8.8.8.8", 53, 10, T0 + 100));
        assertThat(h.candidates()).as("nothing while learning").isEmpty();
    }

    @Test
    void unusualPortAfterLearningFiresWithExplanation() {
        learnNormal();
        long after = T0 + LEARN_SEC + 600;
        h.flow(out("198.51.100.77", 6667, 20, after));
        List<FindingCandidate> c = ofType(h.candidates(), "Behavior:EC2/NetworkPortUnusual");
        assertThat(c).hasSize(1);
        FindingCandidate f = c.get(0);
        assertThat(f.finding().severity()).isEqualTo(5.0);
        assertThat(f.finding().service().count()).isEqualTo(1);
        assertThat(f.finding().service().action().at("/networkConnectionAction/remotePortDetails/port").asInt())
                .isEqualTo(6667);
        JsonNode anomaly = f.finding().service().detection().get("anomaly");
        assertThat(anomaly.at("/unusual/behavior/i-1/remotePort/profileSubtype").asText()).isEqualTo("UNSEEN");
        assertThat(anomaly.at("/unusual/behavior/i-1/remotePort/observations/text/0").asText()).isEqualTo("TCP/6667");
        assertThat(anomaly.at("/profiles/i-1/remotePort/0/observations/text").toString())
                .contains("TCP/443", "TCP/53").doesNotContain("6667");
        assertThat(f.eventId()).isNotBlank();

        // a known port afterwards is normal, and the same new port again adds no new finding
        h.flow(out("93.184.216.34", 443, 1500, after + 60));
        h.flow(out("198.51.100.77", 6667, 20, after + 120));
        assertThat(ofType(h.candidates(), "Behavior:EC2/NetworkPortUnusual")).isEmpty();
    }

    @Test
    void replayedRecordGivesTheSameEventId() {
        learnNormal();
        FlowLogRecord odd = out("198.51.100.77", 6667, 20, T0 + LEARN_SEC + 600);
        h.flow(odd);
        String first = h.candidates().get(0).eventId();
        try (BehaviorHarness other = new BehaviorHarness(Map.of("detector.behavior.learning-period", "PT1H"))) {
            for (int i = 0; i < 40; i++) {
                other.flow(out("93.184.216.34", 443, 1000, T0 + i * 120L));
            }
            other.flow(odd);
            assertThat(other.candidates()).extracting(FindingCandidate::eventId).containsExactly(first);
        }
    }

    @Test
    void silentDuringLearning() {
        h.flow(out("93.184.216.34", 443, 1000, T0));
        h.flow(out("198.51.100.77", 6667, 20, T0 + 600));
        h.flow(out("198.51.100.77", 443, 2_000_000, T0 + 700));
        for (int i = 0; i < 12; i++) {
            h.flow(out("203.0.113." + i, 25, 10, T0 + 800 + i));
        }
        assertThat(h.candidates()).isEmpty();
        assertThat(h.profile(BehaviorTopology.FLOW_STORE, "111111111111/eni-1").startedMs).isEqualTo(T0 * 1000);
    }

    @Test
    void trafficVolumeFarAboveBaselineFires() {
        learnNormal();
        long after = T0 + LEARN_SEC + 600;
        h.flow(out("93.184.216.34", 443, 1_000_000, after)); // 60 MB in one flow
        List<FindingCandidate> c = ofType(h.candidates(), "Behavior:EC2/TrafficVolumeUnusual");
        assertThat(c).hasSize(1);
        JsonNode anomaly = c.get(0).finding().service().detection().get("anomaly");
        assertThat(anomaly.at("/unusual/behavior/i-1/bytesPerOutboundFlow/observations/number/0").asLong())
                .isEqualTo(60_000_000L);
        double mean = anomaly.at("/profiles/i-1/bytesPerOutboundFlow/0/observations/number/0").asDouble();
        assertThat(mean).isBetween(10_000.0, 130_000.0);
        assertThat(c.get(0).finding().service().action().at("/networkConnectionAction/remoteIpDetails/ipAddressV4")
                .asText()).isEqualTo("93.184.216.34");

        h.flow(out("93.184.216.34", 443, 1900, after + 60)); // within the learned range
        assertThat(ofType(h.candidates(), "Behavior:EC2/TrafficVolumeUnusual")).isEmpty();
    }

    @Test
    void moderateIncreaseBelowTheAbsoluteFloorDoesNotFire() {
        learnNormal();
        h.flow(out("93.184.216.34", 443, 100_000, T0 + LEARN_SEC + 600)); // 6 MB: many sd above, below 10 MB floor
        assertThat(ofType(h.candidates(), "Behavior:EC2/TrafficVolumeUnusual")).isEmpty();
    }

    @Test
    void firstUseOfSmtpToManyHostsIsSpambot() {
        learnNormal();
        long after = T0 + LEARN_SEC + 600;
        for (int i = 0; i < 9; i++) {
            h.flow(out("203.0.113." + (10 + i), 25, 10, after + i));
        }
        assertThat(ofType(h.candidates(), "Backdoor:EC2/Spambot")).isEmpty();
        h.flow(out("203.0.113.99", 25, 10, after + 20));
        h.flow(out("203.0.113.100", 25, 10, after + 21));
        List<FindingCandidate> c = ofType(h.candidates(), "Backdoor:EC2/Spambot");
        assertThat(c).hasSize(1);
        assertThat(c.get(0).finding().service().detection()
                .at("/anomaly/unusual/behavior/i-1/smtpRemoteHosts/observations/number/0").asInt()).isEqualTo(10);
    }

    @Test
    void mailServerThatLearnedSmtpIsNotSpambot() {
        for (int i = 0; i < 40; i++) {
            h.flow(out("198.51.100." + (i % 3), 25, 100, T0 + i * 120L));
        }
        long after = T0 + LEARN_SEC + 600;
        for (int i = 0; i < 15; i++) {
            h.flow(out("203.0.113." + (10 + i), 25, 100, after + i));
        }
        assertThat(h.candidates()).isEmpty();
    }
}
