package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which side of a private-to-private flow is the instance's (issue 22 item 4): once the interface's own address is
 * learned from its other records, an inbound attack from another private network is inbound, with the attacker as
 * the remote side, whatever the ports.
 */
class OwnAddressDetectionTest {

    private static final String OWN = "10.0.1.11";
    private static final String NEIGHBOUR = "10.0.2.99";
    private static void bruteForceFromNeighbour(Harness h) {
        for (int i = 0; i < 30; i++) { // the attacker connects from port 22 (a low port) to the instance's SSH
            h.flow(flow("eni-b", "i-b", NEIGHBOUR, OWN, 22, 22, 6, 12, "ACCEPT", T0 + 60 + i));
        }
    }

    @Test
    void anInboundBruteForceFromAPrivateNeighbourIsInbound() {
        try (Harness h = new Harness().account(Harness.ACCOUNT, "ENABLED")) {
            check(h);
        }
    }

    private static void check(Harness h) {
        h.flow(flow("eni-b", "i-b", OWN, "203.0.113.5", 40000, 443, 6, 40, "ACCEPT", T0));
        h.flow(flow("eni-b", "i-b", "198.51.100.7", OWN, 40001, 443, 6, 40, "ACCEPT", T0 + 1));
        h.candidates();
        bruteForceFromNeighbour(h);
        List<FindingCandidate> out = Findings.merge(h.candidates());
        assertThat(out).extracting(c -> c.finding().id()).containsExactly(FindingIds.findingId(Harness.ACCOUNT,
                Harness.REGION, "UnauthorizedAccess:EC2/SSHBruteForce", "i-b|" + NEIGHBOUR + "|SSH|INBOUND"));
        assertThat(out.get(0).finding().service().resourceRole()).isEqualTo("TARGET");
        assertThat(out.get(0).finding().service().action().path("networkConnectionAction")
                .path("remoteIpDetails").path("ipAddressV4").asText()).isEqualTo(NEIGHBOUR);
    }

    @Test
    void withoutOtherRecordsTheHeuristicDecides() {
        // the negative control: nothing learned yet, equal ports: the source is taken as the initiator and local
        try (Harness h = new Harness().account(Harness.ACCOUNT, "ENABLED")) {
            bruteForceFromNeighbour(h);
            assertThat(Findings.merge(h.candidates())).extracting(c -> c.finding().service().resourceRole())
                    .containsExactly("ACTOR");
        }
    }
}
