package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.call;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.ThreatListState;
import dev.vigil.events.ThreatListState.ListContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat-list detections (tenant ThreatIntelSets and trusted IPSets from {@code vigil.threat-lists.v1}, built-in
 * lists shipped in the jar or read from an override directory) and DNS signatures, through the real topology
 * ({@link Harness}). Nothing is mocked.
 */
class ThreatListAndDnsTest {

    private static final String LOCAL = "10.0.0.5";
    private static final String BAD = "203.0.113.7";
    private static final String TRUSTED_AND_BAD = "198.51.100.9";
    private static final String TOR_V4 = "185.220.101.0";
    /** On the shipped Tor list in expanded form 2001:0470:0001:0908:0000:0000:0000:9001. */
    private static final String TOR_V6_COMPRESSED = "2001:470:1:908::9001";
    private static final String UA = "aws-cli/2.15.0";

    private static ThreatListState lists(String region) {
        return lists(region, 3);
    }

    private static ThreatListState lists(String region, long version) {
        return new ThreatListState(1, Harness.ACCOUNT, version,
                List.of(new ListContent("t1", Harness.ACCOUNT, region, "office", List.of("198.51.100.0/24"), null)),
                List.of(new ListContent("l1", Harness.ACCOUNT, region, "my-threats",
                        List.of(BAD, "198.51.100.9", "2001:db8:77::/48"), List.of("evil.example.com"))), 1L);
    }

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    @Test
    void tenantThreatIntelSetMatchesFlowsBothWaysAndIpv6Cidrs() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(lists(Harness.REGION));
            h.flow(flow(LOCAL, BAD, 40000, 443, 6, 10, "ACCEPT", T0));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom");
            FindingCandidate c = out.get(0);
            assertThat(c.finding().severity()).isEqualTo(5.0);
            assertThat(c.finding().service().resourceRole()).isEqualTo("ACTOR");
            JsonNode ti = c.finding().service().evidence().path("threatIntelligenceDetails").get(0);
            assertThat(ti.path("threatListName").asText()).isEqualTo("my-threats");
            JsonNode nc = c.finding().service().action().path("networkConnectionAction");
            assertThat(nc.path("connectionDirection").asText()).isEqualTo("OUTBOUND");
            assertThat(nc.path("remoteIpDetails").path("ipAddressV4").asText()).isEqualTo(BAD);
            assertThat(nc.path("remotePortDetails").path("port").asInt()).isEqualTo(443);
            assertThat(nc.path("protocol").asText()).isEqualTo("TCP");
            assertThat(c.finding().resource().path("instanceDetails").path("instanceId").asText()).isEqualTo("i-1");

            h.flow(flow(BAD, LOCAL, 51000, 22, 6, 10, "ACCEPT", T0 + 1));
            List<FindingCandidate> inbound = h.candidates();
            assertThat(inbound).singleElement().satisfies(x -> assertThat(x.finding().service().resourceRole())
                    .isEqualTo("TARGET"));

            h.flow(flow("2600:1f18::5", "2001:db8:77:1::99", 40000, 443, 6, 10, "ACCEPT", T0 + 2));
            List<FindingCandidate> v6 = h.candidates();
            assertThat(types(v6)).containsExactly("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom");
            assertThat(v6.get(0).finding().service().action().path("networkConnectionAction").path("remoteIpDetails")
                    .path("ipAddressV6").asText()).isEqualTo("2001:db8:77:1::99");

            // look-alikes: an address next to the listed one, and an internal peer
            h.flow(flow(LOCAL, "203.0.113.8", 40000, 443, 6, 10, "ACCEPT", T0 + 3));
            h.flow(flow(LOCAL, "10.0.0.9", 40000, 443, 6, 10, "ACCEPT", T0 + 4));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void trustedListWinsAndListsApplyOnlyInTheirRegion() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(lists(Harness.REGION));
            h.flow(flow(LOCAL, TRUSTED_AND_BAD, 40000, 443, 6, 10, "ACCEPT", T0));
            h.cloudTrail(call("ec2.amazonaws.com", "RunInstances", TRUSTED_AND_BAD, UA, "{}", null, T0));
            assertThat(h.candidates()).isEmpty();
            h.lists(lists("eu-west-1", 4));
            h.flow(flow(LOCAL, BAD, 40000, 443, 6, 10, "ACCEPT", T0 + 1));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void torExitNodesGiveTorClientRelayAndTorIpCaller() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.flow(flow(LOCAL, TOR_V4, 40000, 443, 6, 10, "ACCEPT", T0));
            assertThat(types(h.candidates())).containsExactly("UnauthorizedAccess:EC2/TorClient");
            h.flow(flow(TOR_V4, LOCAL, 40000, 9001, 6, 10, "ACCEPT", T0 + 1));
            List<FindingCandidate> relay = h.candidates();
            assertThat(types(relay)).containsExactly("UnauthorizedAccess:EC2/TorRelay");
            assertThat(relay.get(0).finding().severity()).isEqualTo(8.0);
            // look-alike: a Tor exit visiting the instance's public web server is not a relay
            h.flow(flow(TOR_V4, LOCAL, 40000, 443, 6, 10, "ACCEPT", T0 + 2));
            assertThat(h.candidates()).isEmpty();

            // CloudTrail writes IPv6 compressed; the shipped list has it expanded
            h.cloudTrail(call("ec2.amazonaws.com", "RunInstances", TOR_V6_COMPRESSED, UA, "{}", null, T0 + 3));
            List<FindingCandidate> write = h.candidates();
            assertThat(types(write)).containsExactly("UnauthorizedAccess:IAMUser/TorIPCaller");
            assertThat(write.get(0).finding().service().action().path("awsApiCallAction").path("remoteIpDetails")
                    .path("ipAddressV6").asText()).isEqualTo(TOR_V6_COMPRESSED);
            h.cloudTrail(call("ec2.amazonaws.com", "DescribeInstances", TOR_V4, UA, "{}", null, T0 + 4));
            assertThat(types(h.candidates())).containsExactly("Recon:IAMUser/TorIPCaller");
            h.cloudTrail(call("ec2.amazonaws.com", "DescribeInstances", "185.220.102.250", UA, "{}", null, T0 + 5));
            assertThat(h.candidates()).as("an address not on the list").isEmpty();
        }
    }

    @Test
    void tenantListOnCloudTrailGivesCustomCallerTypes() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(lists(Harness.REGION));
            h.cloudTrail(call("iam.amazonaws.com", "CreateUser", BAD, UA, "{}", null, T0));
            assertThat(types(h.candidates())).containsExactly("UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom");
            h.cloudTrail(call("iam.amazonaws.com", "ListUsers", BAD, UA, "{}", null, T0 + 1));
            assertThat(types(h.candidates())).containsExactly("Recon:IAMUser/MaliciousIPCaller.Custom");
            h.cloudTrail(call("iam.amazonaws.com", "ListUsers", "198.18.0.1", UA, "{}", null, T0 + 2));
            h.cloudTrail(call("iam.amazonaws.com", "ListUsers", "ec2.amazonaws.com", UA, "{}", null, T0 + 3));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void builtInDomainListsGiveDnsFindings() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(lists(Harness.REGION));
            h.dns(Records.dns("GuardDutyC2ActivityB.com", T0, "192.0.2.10"));
            List<FindingCandidate> c2 = h.candidates();
            assertThat(types(c2)).containsExactly("Backdoor:EC2/C&CActivity.B!DNS");
            JsonNode dns = c2.get(0).finding().service().action();
            assertThat(dns.path("actionType").asText()).isEqualTo("DNS_REQUEST");
            assertThat(dns.path("dnsRequestAction").path("domain").asText()).isEqualTo("guarddutyc2activityb.com");
            assertThat(c2.get(0).finding().severity()).isEqualTo(8.0);
            assertThat(c2.get(0).finding().service().evidence().path("threatIntelligenceDetails").get(0)
                    .path("threatListName").asText()).isEqualTo("Vigil:c2-guardduty-test-domains");
            h.dns(Records.dns("xmr.pool.minergate.com", T0 + 1, "192.0.2.11"));
            assertThat(types(h.candidates())).containsExactly("CryptoCurrency:EC2/BitcoinTool.B!DNS");
            // look-alikes: names that only contain a listed name
            h.dns(Records.dns("notminergate.com", T0 + 2, "192.0.2.12"));
            h.dns(Records.dns("minergate.com.example.org", T0 + 3, "192.0.2.12"));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void tenantThreatDomainsGiveMaliciousDomainRequestCustomOnLabelBoundaries() {
        ThreatListState state = new ThreatListState(1, Harness.ACCOUNT, 5, List.of(),
                List.of(new ListContent("l1", Harness.ACCOUNT, Harness.REGION, "my-domains", null,
                        List.of("Evil.Example.", "*.wild.example", "bücher.example", "not a domain"))), 1L);
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(state);
            h.dns(Records.dns("a.evil.example", T0, "192.0.2.10"));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("Impact:EC2/MaliciousDomainRequest.Custom");
            assertThat(out.get(0).finding().severity()).isEqualTo(5.0);
            assertThat(out.get(0).finding().service().evidence().path("threatIntelligenceDetails").get(0)
                    .path("threatListName").asText()).isEqualTo("my-domains");
            h.dns(Records.dns("EVIL.EXAMPLE", T0 + 1, "192.0.2.10"));
            h.dns(Records.dns("x.wild.example", T0 + 2, "192.0.2.10"));
            h.dns(Records.dns("www.xn--bcher-kva.example", T0 + 3, "192.0.2.10"));
            assertThat(types(h.candidates())).containsOnly("Impact:EC2/MaliciousDomainRequest.Custom").hasSize(3);
            // look-alikes: a name that only ends like the listed one, the wildcard's own name, a parent
            h.dns(Records.dns("notevil.example", T0 + 4, "192.0.2.10"));
            h.dns(Records.dns("wild.example", T0 + 5, "192.0.2.10"));
            h.dns(Records.dns("example", T0 + 6, "192.0.2.10"));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void trustedDomainsSilenceEveryDnsFindingForThatDomain() {
        ThreatListState state = new ThreatListState(1, Harness.ACCOUNT, 6,
                List.of(new ListContent("t1", Harness.ACCOUNT, Harness.REGION, "trusted", null,
                        List.of("guarddutyc2activityb.com", "evil.example", "kqzxjvwpthbnmq.com"))),
                List.of(new ListContent("l1", Harness.ACCOUNT, Harness.REGION, "my-domains", null,
                        List.of("evil.example"))), 1L);
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(state);
            h.dns(Records.dns("guarddutyc2activityb.com", T0, "192.0.2.10"));
            h.dns(Records.dns("a.evil.example", T0 + 1, "169.254.169.254"));
            h.dns(Records.dns("kqzxjvwpthbnmq.com", T0 + 2, "192.0.2.10"));
            assertThat(h.candidates()).isEmpty();
            // once the trusted list is gone, the same names raise their findings
            h.lists(lists(Harness.REGION, 7));
            h.dns(Records.dns("guarddutyc2activityb.com", T0 + 3, "192.0.2.10"));
            h.dns(Records.dns("kqzxjvwpthbnmq.com", T0 + 4, "192.0.2.10"));
            assertThat(types(h.candidates())).containsExactlyInAnyOrder("Backdoor:EC2/C&CActivity.B!DNS",
                    "Trojan:EC2/DGADomainRequest.B");
        }
    }

    @Test
    void metadataDnsRebind() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.dns(Records.dns("a9fe.rebind.attacker.example", T0, "169.254.169.254"));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("UnauthorizedAccess:EC2/MetadataDNSRebind");
            assertThat(out.get(0).finding().severity()).isEqualTo(8.0);
            // look-alikes: AWS's own metadata name, and an ordinary answer
            h.dns(Records.dns("instance-data.ec2.internal", T0 + 1, "169.254.169.254"));
            h.dns(Records.dns("www.example.com", T0 + 2, "93.184.215.14"));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void updatedBuiltInListsFromADirectoryCoverEveryCategory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("blackhole-2026.txt"), "203.0.113.0/24\nsink.example.net\n");
        Files.writeString(dir.resolve("droppoint.txt"), "192.0.2.0/24\ndrop.example.net\n");
        Files.writeString(dir.resolve("c2.txt"), "198.18.5.5\n");
        Files.writeString(dir.resolve("crypto.txt"), "198.18.6.6\n");
        Files.writeString(dir.resolve("malicious.txt"), "198.18.7.7\n");
        Files.writeString(dir.resolve("phishing.txt"), "phish.example.net\n");
        Files.writeString(dir.resolve("driveby.txt"), "# drive-by\ndriveby.example.net\n");
        Files.writeString(dir.resolve("dga.txt"), "xkqjzvbwpl.example.net\n");
        try (Harness h = new Harness(Map.of("detector.rules.threat-intel-directory", dir.toString()))) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.flow(flow(LOCAL, "203.0.113.50", 40000, 443, 6, 10, "ACCEPT", T0));
            h.flow(flow(LOCAL, "192.0.2.77", 40000, 443, 6, 10, "ACCEPT", T0));
            h.flow(flow(LOCAL, "198.18.5.5", 40000, 443, 6, 10, "ACCEPT", T0));
            h.flow(flow(LOCAL, "198.18.6.6", 40000, 3333, 6, 10, "ACCEPT", T0));
            h.dns(Records.dns("a.sink.example.net", T0));
            h.dns(Records.dns("drop.example.net", T0));
            h.dns(Records.dns("login.phish.example.net", T0));
            h.dns(Records.dns("driveby.example.net", T0));
            h.dns(Records.dns("xkqjzvbwpl.example.net", T0));
            h.cloudTrail(call("ec2.amazonaws.com", "DescribeInstances", "198.18.7.7", UA, "{}", null, T0));
            h.cloudTrail(call("ec2.amazonaws.com", "TerminateInstances", "198.18.7.7", UA, "{}", null, T0));
            assertThat(types(h.candidates())).containsExactlyInAnyOrder("Trojan:EC2/BlackholeTraffic",
                    "Trojan:EC2/DropPoint", "Backdoor:EC2/C&CActivity.B", "CryptoCurrency:EC2/BitcoinTool.B",
                    "Trojan:EC2/BlackholeTraffic!DNS", "Trojan:EC2/DropPoint!DNS",
                    "Trojan:EC2/PhishingDomainRequest!DNS", "Trojan:EC2/DriveBySourceTraffic!DNS",
                    "Trojan:EC2/DGADomainRequest.C!DNS", "Recon:IAMUser/MaliciousIPCaller",
                    "UnauthorizedAccess:IAMUser/MaliciousIPCaller");
            // the override replaces the shipped lists: the shipped Tor list no longer applies
            h.flow(flow(LOCAL, TOR_V4, 40000, 443, 6, 10, "ACCEPT", T0 + 1));
            assertThat(h.candidates()).isEmpty();
        }
    }
}
