package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.enrichment.GeoIp;
import dev.vigil.detector.enrichment.TestDatabases;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.FindingCandidate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With an ASN database configured, the AnomalousBehavior rules know a caller's network by its autonomous system
 * instead of its /16: a new /16 of a known AS is usual, a new AS is not. Real behavioural topology in a
 * {@code TopologyTestDriver}, real MaxMind reader on a test database ({@link TestDatabases}: 198.51.100.0/24 and
 * 203.0.113.0/24 are AS64500, 192.0.2.0/24 is AS64501). One-hour learning period.
 */
class AsnCallerNetworkTest {

    private static final String CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.10 exe/x86_64";
    private static final long T0 = Records.T0;
    private static final long AFTER = T0 + 3600 + 600;

    private static List<FindingCandidate> createAccessKeyAfterLearningFrom(GeoIp geo, String ip) {
        try (BehaviorHarness h = new BehaviorHarness(Map.of("detector.behavior.learning-period", "PT1H"), geo)) {
            for (int i = 0; i < 7; i++) {
                h.cloudTrail(Records.call("iam.amazonaws.com", "CreateAccessKey", "203.0.113.10", CLI, "{}", null,
                        T0 + i * 600L));
            }
            assertThat(h.candidates()).isEmpty();
            h.cloudTrail(Records.call("iam.amazonaws.com", "CreateAccessKey", ip, CLI, "{}", null, AFTER));
            return h.candidates();
        }
    }

    @Test
    void aNewBlockOfAKnownAutonomousSystemIsUsualAndANewSystemIsNot() throws Exception {
        TestDatabases db = TestDatabases.create();
        try (GeoIp geo = GeoIp.open(Optional.empty(), Optional.of(db.asn.toString()))) {
            assertThat(createAccessKeyAfterLearningFrom(geo, "198.51.100.7")).as("198.51/16 is AS64500 too").isEmpty();

            List<FindingCandidate> c = createAccessKeyAfterLearningFrom(geo, "192.0.2.5");
            assertThat(c).extracting(x -> x.finding().type()).containsExactly("Persistence:IAMUser/AnomalousBehavior");
            var anomaly = c.get(0).finding().service().detection().get("anomaly");
            assertThat(anomaly.at("/unusual/behavior/AIDAEXAMPLE/callerNetwork/observations/text/0").asText())
                    .isEqualTo("AS64501");
            assertThat(anomaly.at("/profiles/AIDAEXAMPLE/callerNetwork/0/observations/text/0").asText())
                    .isEqualTo("AS64500");
        }
        // the control: without the database the same new /16 is a new network
        assertThat(createAccessKeyAfterLearningFrom(GeoIp.none(), "198.51.100.7"))
                .extracting(x -> x.finding().type()).containsExactly("Persistence:IAMUser/AnomalousBehavior");
    }
}
