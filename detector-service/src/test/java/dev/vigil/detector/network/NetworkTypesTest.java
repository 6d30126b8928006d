package dev.vigil.detector.network;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detector.behavior.BehaviorTopology;
import dev.vigil.detector.streams.Harness;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.ThreatListState;
import dev.vigil.events.ThreatListState.ListContent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PortProbeEMRUnprotectedPort and the learned UnusualDNSResolver / DoH / DoT types, through the whole topology. */
class NetworkTypesTest {

    private static final String LOCAL = "10.0.0.5";
    private static final String MALICIOUS = "1.1.104.12";
    private static final long LATER = T0 + 8 * 86_400L;

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    private static Harness harness() {
        Harness h = new Harness();
        h.account(Harness.ACCOUNT, "ENABLED");
        h.lists(new ThreatListState(1, Harness.ACCOUNT, /* versions name one content across tests */ 17_006,
                List.of(new ListContent("t1", Harness.ACCOUNT, Harness.REGION, "office", List.of("198.51.100.0/24"),
                        null)),
                List.of(new ListContent("l1", Harness.ACCOUNT, Harness.REGION, "my-threats", List.of("203.0.113.7"),
                        null)), 1L));
        return h;
    }

    @Test
    void emrPortProbedByAKnownMaliciousHost() {
        try (Harness h = harness()) {
            h.flow(flow(MALICIOUS, LOCAL, 51234, 8088, 6, 3, "ACCEPT", T0));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("Recon:EC2/PortProbeEMRUnprotectedPort");
            FindingCandidate c = out.get(0);
            assertThat(c.finding().severity()).isEqualTo(8.0);
            JsonNode d = c.finding().service().action().path("portProbeAction").path("portProbeDetails").get(0);
            assertThat(d.path("localPortDetails").path("port").asInt()).isEqualTo(8088);
            assertThat(d.path("remoteIpDetails").path("ipAddressV4").asText()).isEqualTo(MALICIOUS);
            assertThat(c.finding().service().evidence().path("threatIntelligenceDetails")).isNotEmpty();
            // on the tenant's own threat list too, on another EMR port
            h.flow(flow("203.0.113.7", LOCAL, 40000, 8890, 6, 3, "ACCEPT", T0 + 1));
            assertThat(types(h.candidates())).containsExactlyInAnyOrder("Recon:EC2/PortProbeEMRUnprotectedPort",
                    "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom"); // the threat-list type of its own
        }
    }

    @Test
    void emrLookAlikesAreNotReported() {
        try (Harness h = harness()) {
            h.flow(flow("192.0.2.44", LOCAL, 51234, 8088, 6, 3, "ACCEPT", T0));      // a host on no list
            h.flow(flow(MALICIOUS, LOCAL, 51234, 8088, 6, 3, "REJECT", T0 + 1));      // the port is protected
            h.flow(flow(MALICIOUS, LOCAL, 51234, 8089, 6, 3, "ACCEPT", T0 + 2));      // not an EMR port
            h.flow(flow(LOCAL, MALICIOUS, 8088, 443, 6, 3, "ACCEPT", T0 + 3));       // outbound from port 8088
            assertThat(types(h.candidates())).doesNotContain("Recon:EC2/PortProbeEMRUnprotectedPort");
        }
    }

    /** Eight days of an instance using the VPC resolver (no outside DNS) and HTTPS to a web site. */
    private static void learnWebServer(Harness h) {
        h.flow(flow(LOCAL, "93.184.216.34", 50000, 443, 6, 100, "ACCEPT", T0));
        h.flow(flow(LOCAL, "93.184.216.34", 50001, 443, 6, 100, "ACCEPT", LATER));
        assertThat(h.candidates()).isEmpty();
    }

    @Test
    void outsideResolverDohAndDotAfterLearning() {
        try (Harness h = harness()) {
            learnWebServer(h);
            h.flow(flow(LOCAL, "8.8.8.8", 40000, 53, 17, 2, "ACCEPT", LATER + 10));
            // a first DNS flow to the outside is also a new remote port (NetworkPortUnusual, its own type)
            List<FindingCandidate> dns = h.candidates().stream()
                    .filter(c -> !c.finding().type().equals("Behavior:EC2/NetworkPortUnusual")).toList();
            assertThat(types(dns)).containsExactly("DefenseEvasion:EC2/UnusualDNSResolver");
            assertThat(dns.get(0).finding().severity()).isEqualTo(5.0);
            assertThat(dns.get(0).finding().service().action().path("networkConnectionAction")
                    .path("remotePortDetails").path("port").asInt()).isEqualTo(53);
            h.flow(flow(LOCAL, "1.1.1.1", 40001, 443, 6, 20, "ACCEPT", LATER + 20));
            List<FindingCandidate> doh = h.candidates();
            assertThat(types(doh)).containsExactly("DefenseEvasion:EC2/UnusualDoHActivity");
            assertThat(doh.get(0).finding().description()).contains("cloudflare-dns.com");
            h.flow(flow(LOCAL, "45.90.28.77", 40002, 853, 6, 20, "ACCEPT", LATER + 30));
            assertThat(types(h.candidates())).contains("DefenseEvasion:EC2/UnusualDoTActivity")
                    .doesNotContain("DefenseEvasion:EC2/UnusualDNSResolver", "DefenseEvasion:EC2/UnusualDoHActivity");
            // IPv6 DoH: another peer of a kind already reported is the same change of habit
            h.flow(flow(LOCAL, "8.8.8.8", 40003, 443, 6, 20, "ACCEPT", LATER + 40));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void aFlowThatTeachesTheResolverProfileNothingDoesNotRewriteIt() {
        try (Harness h = harness()) {
            h.flow(flow(LOCAL, "93.184.216.34", 50000, 443, 6, 100, "ACCEPT", T0)); // learning starts
            assertThat(h.changelog(NetworkTopology.RESOLVER_STORE)).hasSize(1);
            h.changelog(BehaviorTopology.FLOW_STORE);
            h.flow(flow(LOCAL, "93.184.216.35", 50001, 443, 6, 100, "ACCEPT", T0 + 60)); // nothing for resolvers
            assertThat(h.changelog(NetworkTopology.RESOLVER_STORE)).isEmpty();
            assertThat(h.changelog(BehaviorTopology.FLOW_STORE)).hasSize(1); // its bytes: the flow profile learns
            h.flow(flow(LOCAL, "8.8.8.8", 40000, 53, 17, 2, "ACCEPT", T0 + 120)); // an outside resolver: learned
            assertThat(h.changelog(NetworkTopology.RESOLVER_STORE)).hasSize(1);
        }
    }

    @Test
    void resolverLookAlikesAreNotReported() {
        try (Harness h = harness()) {
            // an instance that used an outside resolver, DoH and DoT while learning
            h.flow(flow(LOCAL, "8.8.8.8", 40000, 53, 17, 2, "ACCEPT", T0));
            h.flow(flow(LOCAL, "8.8.8.8", 40001, 443, 6, 20, "ACCEPT", T0 + 5));
            h.flow(flow(LOCAL, "9.9.9.9", 40002, 853, 6, 20, "ACCEPT", T0 + 6));
            h.flow(flow(LOCAL, "1.0.0.1", 40000, 53, 17, 2, "ACCEPT", LATER));
            h.flow(flow(LOCAL, "1.0.0.1", 40001, 443, 6, 20, "ACCEPT", LATER + 1));
            h.flow(flow(LOCAL, "149.112.112.112", 40002, 853, 6, 20, "ACCEPT", LATER + 2));
            // HTTPS to an ordinary site, DNS inside the VPC, an outside resolver's answer blocked by the NACL
            h.flow(flow(LOCAL, "93.184.216.34", 40003, 443, 6, 20, "ACCEPT", LATER + 3));
            h.flow(flow(LOCAL, "10.0.0.2", 40004, 53, 17, 2, "ACCEPT", LATER + 4));
            assertThat(types(h.candidates())).isEmpty();
        }
        try (Harness h = harness()) {
            learnWebServer(h);
            h.flow(flow(LOCAL, "8.8.4.4", 40000, 53, 17, 2, "REJECT", LATER + 1)); // blocked: no DNS left the VPC
            h.flow(flow(LOCAL, "198.51.100.53", 40001, 53, 17, 2, "ACCEPT", LATER + 2)); // a trusted resolver
            // a port scan's handshakes to 53 and 853 of a host carry no DNS
            h.flow(flow(LOCAL, "45.33.32.156", 40005, 53, 6, 3, "ACCEPT", LATER + 3));
            h.flow(flow(LOCAL, "45.33.32.156", 40006, 853, 6, 2, "ACCEPT", LATER + 4));
            assertThat(types(h.candidates())).doesNotContain("DefenseEvasion:EC2/UnusualDNSResolver",
                    "DefenseEvasion:EC2/UnusualDoTActivity");
            // the same host answering a real TCP DNS session is an outside resolver
            h.flow(flow(LOCAL, "45.33.32.156", 40007, 53, 6, 12, "ACCEPT", LATER + 5));
            assertThat(types(h.candidates())).contains("DefenseEvasion:EC2/UnusualDNSResolver");
        }
    }

    @Test
    void nothingWhileLearning() {
        try (Harness h = harness()) {
            h.flow(flow(LOCAL, "93.184.216.34", 50000, 443, 6, 100, "ACCEPT", T0));
            h.flow(flow(LOCAL, "8.8.8.8", 40000, 53, 17, 2, "ACCEPT", T0 + 3 * 86_400L));
            h.flow(flow(LOCAL, "1.1.1.1", 40001, 443, 6, 20, "ACCEPT", T0 + 3 * 86_400L + 1));
            assertThat(types(h.candidates())).isEmpty();
        }
    }
}
