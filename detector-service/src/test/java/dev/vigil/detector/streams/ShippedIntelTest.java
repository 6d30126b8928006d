package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.call;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FindingCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every list-driven finding type fires with the intelligence shipped in the jar (issue 16), each from a real entry
 * of a shipped snapshot (sources in {@code threatintel/PROVENANCE.md}), and none fires on a benign look-alike: a
 * parent domain, a name that merely contains the listed one, a neighbouring address. Whole topology
 * ({@link Harness}), nothing mocked. The types without a redistributable source (C&amp;CActivity.B by address,
 * DropPoint, DGADomainRequest.C) are covered with operator lists in {@code ThreatListAndDnsTest}.
 */
class ShippedIntelTest {

    private static final String LOCAL = "10.0.0.5";
    private static final String UA = "aws-cli/2.15.0";

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    private static Harness harness() {
        Harness h = new Harness();
        h.account(Harness.ACCOUNT, "ENABLED");
        return h;
    }

    @Test
    void torDirectoryAuthorityGivesTorClient() {
        try (Harness h = harness()) {
            h.flow(flow(LOCAL, "128.31.0.39", 40000, 9231, 6, 10, "ACCEPT", T0)); // moria1, compiled into tor
            assertThat(types(h.candidates())).containsExactly("UnauthorizedAccess:EC2/TorClient");
            h.flow(flow(LOCAL, "128.31.0.38", 40000, 9231, 6, 10, "ACCEPT", T0 + 1));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void cryptocurrencyNodesGiveBitcoinToolByAddressAndByName() {
        try (Harness h = harness()) {
            h.flow(flow(LOCAL, "176.9.0.187", 40000, 18080, 6, 10, "ACCEPT", T0)); // a Monero seed node
            assertThat(types(h.candidates())).containsExactly("CryptoCurrency:EC2/BitcoinTool.B");
            h.dns(Records.dns("electrum.emzy.de", T0 + 1, "198.51.100.20")); // an Electrum server
            assertThat(types(h.candidates())).containsExactly("CryptoCurrency:EC2/BitcoinTool.B!DNS");
            h.dns(Records.dns("seeds.moneroseeds.se", T0 + 2, "198.51.100.21"));
            assertThat(types(h.candidates())).containsExactly("CryptoCurrency:EC2/BitcoinTool.B!DNS");
            // look-alikes: the neighbouring address, the Electrum server's parent domain
            h.flow(flow(LOCAL, "176.9.0.186", 40000, 18080, 6, 10, "ACCEPT", T0 + 3));
            h.dns(Records.dns("emzy.de", T0 + 4, "198.51.100.22"));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void blackHoleAddressesAndAnswersGiveBlackholeTraffic() {
        try (Harness h = harness()) {
            h.flow(flow(LOCAL, "240.0.0.7", 40000, 443, 6, 10, "ACCEPT", T0));
            h.flow(flow("2600:1f18::5", "100::beef", 40000, 443, 6, 10, "ACCEPT", T0 + 1)); // RFC 6666
            assertThat(types(h.candidates())).containsExactly("Trojan:EC2/BlackholeTraffic",
                    "Trojan:EC2/BlackholeTraffic");
            h.dns(Records.dns("parked-nowhere.example.net", T0 + 2, "0.0.0.0"));
            List<FindingCandidate> dns = h.candidates();
            assertThat(types(dns)).containsExactly("Trojan:EC2/BlackholeTraffic!DNS");
            assertThat(dns.get(0).finding().description()).contains("0.0.0.0");
            // look-alikes: multicast next to 240/4, the next IPv6 /64, an ordinary answer, and a DNS Firewall's own
            // override answer
            h.flow(flow(LOCAL, "239.255.255.250", 40000, 1900, 17, 10, "ACCEPT", T0 + 3));
            h.flow(flow("2600:1f18::5", "100:0:0:1::beef", 40000, 443, 6, 10, "ACCEPT", T0 + 4));
            h.dns(Records.dns("parked-somewhere.example.net", T0 + 5, "1.0.0.1"));
            DnsLogRecord d = Records.dns("blocked-by-firewall.example.net", T0 + 6, "0.0.0.0");
            h.dns(new DnsLogRecord(d.schemaVersion(), d.eventId(), d.accountId(), d.version(), d.awsAccountId(),
                    d.region(), d.vpcId(), d.queryTimestamp(), d.queryName(), d.queryType(), d.queryClass(),
                    d.rcode(), d.answers(), d.srcaddr(), d.srcport(), d.transport(), d.srcids(), "BLOCK",
                    "rslvr-frg-1", "rslvr-fdl-1"));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void phishingDomainGivesPhishingDomainRequest() {
        try (Harness h = harness()) {
            h.dns(Records.dns("www.download-metamask.com", T0, "198.51.100.30")); // eth-phishing-detect
            assertThat(types(h.candidates())).containsExactly("Trojan:EC2/PhishingDomainRequest!DNS");
            // look-alikes: the brand it imitates, a name containing the listed one
            h.dns(Records.dns("metamask.io", T0 + 1, "198.51.100.31"));
            h.dns(Records.dns("notdownload-metamask.com", T0 + 2, "198.51.100.32"));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void malwareDistributionHostGivesDriveBySourceTraffic() {
        try (Harness h = harness()) {
            h.dns(Records.dns("52mj.susuwei.cn", T0, "198.51.100.40")); // URLhaus
            assertThat(types(h.candidates())).containsExactly("Trojan:EC2/DriveBySourceTraffic!DNS");
            // look-alikes: its parent domain (one listed host does not condemn it), a CDN
            h.dns(Records.dns("susuwei.cn", T0 + 1, "198.51.100.41"));
            h.dns(Records.dns("cdn.jsdelivr.net", T0 + 2, "198.51.100.42"));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void maliciousAddressCallingTheApiGivesMaliciousIpCallerAndRecon() {
        try (Harness h = harness()) {
            h.cloudTrail(call("iam.amazonaws.com", "CreateUser", "1.1.104.12", UA, "{}", null, T0)); // URLhaus
            assertThat(types(h.candidates())).containsExactly("UnauthorizedAccess:IAMUser/MaliciousIPCaller");
            h.cloudTrail(call("ec2.amazonaws.com", "DescribeInstances", "1.1.104.12", UA, "{}", null, T0 + 1));
            assertThat(types(h.candidates())).containsExactly("Recon:IAMUser/MaliciousIPCaller");
            h.cloudTrail(call("ec2.amazonaws.com", "DescribeInstances", "1.1.104.13", UA, "{}", null, T0 + 2));
            assertThat(h.candidates()).as("the neighbouring address").isEmpty();
        }
    }
}
