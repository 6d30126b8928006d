package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.ThreatListState;
import dev.vigil.events.ThreatListState.ListContent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learned rules honour the tenant's trusted IP lists, as the signature and window rules do: activity with a
 * trusted address is neither reported nor learned, while the same activity with the untrusted neighbour is (full
 * topology with the default 7-day learning).
 */
class TrustedBehaviorTest {

    private static final long T0 = Records.T0;
    private static final long LATER = T0 + 8 * 86_400L;
    private static final String CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.10 exe/x86_64";

    private static Harness harness() {
        Harness h = new Harness();
        h.account(Harness.ACCOUNT, "ENABLED");
        h.lists(new ThreatListState(1, Harness.ACCOUNT, /* versions name one content across tests */ 17_007, List.of(new ListContent("t1", Harness.ACCOUNT,
                Harness.REGION, "partners", List.of("198.51.100.0/24"), null)), List.of(), 1L));
        return h;
    }

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    @Test
    void anomalousCallFromATrustedAddressIsNotReported() {
        try (Harness h = harness()) {
            h.cloudTrail(Records.call("ec2.amazonaws.com", "DescribeInstances", "203.0.113.10", CLI, "{}", null, T0));
            h.cloudTrail(Records.call("iam.amazonaws.com", "AttachUserPolicy", "198.51.100.7", "python-requests/2.31",
                    "{}", null, LATER));
            assertThat(h.candidates()).isEmpty();
            h.cloudTrail(Records.call("iam.amazonaws.com", "AttachUserPolicy", "198.51.101.7", "python-requests/2.31",
                    "{}", null, LATER + 1));
            assertThat(types(h.candidates())).containsExactly("PrivilegeEscalation:IAMUser/AnomalousBehavior");
        }
    }

    @Test
    void unusualPortToATrustedAddressIsNotReported() {
        try (Harness h = harness()) {
            h.flow(Records.flow("10.0.0.5", "93.184.216.34", 50000, 443, 6, 1000, "ACCEPT", T0));
            h.flow(Records.flow("10.0.0.5", "93.184.216.34", 50000, 443, 6, 1000, "ACCEPT", LATER));
            h.flow(Records.flow("10.0.0.5", "198.51.100.77", 50000, 6667, 6, 20, "ACCEPT", LATER + 60));
            assertThat(types(h.candidates())).doesNotContain("Behavior:EC2/NetworkPortUnusual");
            h.flow(Records.flow("10.0.0.5", "198.51.101.77", 50000, 6667, 6, 20, "ACCEPT", LATER + 120));
            assertThat(types(h.candidates())).contains("Behavior:EC2/NetworkPortUnusual");
        }
    }
}
