package dev.vigil.detector.threatintel;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped lists ({@code src/main/resources/threatintel/}, loaded as {@link BuiltInThreatIntel} loads them, so
 * blocks and parent domains count) name none of the well-known benign addresses and domains: the major public DNS
 * resolvers (a Tor or URLhaus snapshot that caught one would raise TorClient or MaliciousIPCaller on every
 * instance that resolves through it) and the fixed destinations of the simulator's benign traffic
 * ({@code e2e}'s {@code BenignActivity} and {@code Company}: GitHub, Canonical, S3, the office and the CI runner,
 * the domains its instances resolve). The simulator's customer and background-noise addresses are drawn per seed;
 * the demo's "no unexpected HIGH finding" check covers those. Nothing here is mocked.
 */
class BenignAddressesTest {

    /** Public resolvers: Google, Cloudflare, Quad9, OpenDNS, Level3/Lumen, AdGuard, CleanBrowsing, Yandex. */
    static final List<String> PUBLIC_RESOLVERS = List.of(
            "8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844",
            "1.1.1.1", "1.0.0.1", "2606:4700:4700::1111", "2606:4700:4700::1001",
            "9.9.9.9", "149.112.112.112", "2620:fe::fe", "2620:fe::9",
            "208.67.222.222", "208.67.220.220", "2620:119:35::35", "2620:119:53::53",
            "4.2.2.1", "4.2.2.2",
            "94.140.14.14", "94.140.15.15",
            "185.228.168.9", "185.228.169.9",
            "77.88.8.8", "77.88.8.1");

    /** Fixed destinations and callers of the simulator's benign traffic. */
    static final List<String> SIMULATOR_BENIGN_ADDRESSES = List.of(
            "140.82.112.3",  // GitHub
            "91.189.91.38",  // Canonical archive
            "52.216.0.1", "52.216.128.77", "52.216.255.254", // S3 (52.216.0.0/16, sampled)
            "81.2.69.160",   // the office
            "3.91.5.20");    // the CI runner on EC2

    /** Domains the simulator's instances resolve, and the resolvers' own names. */
    static final List<String> BENIGN_DOMAINS = List.of(
            "s3.amazonaws.com", "sts.us-east-1.amazonaws.com", "cdn.jsdelivr.net", "www.google.com",
            "dynamodb.us-east-1.amazonaws.com", "sqs.us-east-1.amazonaws.com", "api.stripe.com",
            "security.ubuntu.com", "monitoring.us-east-1.amazonaws.com", "pypi.org", "files.pythonhosted.org",
            "github.com", "api.github.com", "registry.npmjs.org", "repo.maven.apache.org",
            "ecr.us-east-1.amazonaws.com", "archive.ubuntu.com", "ssm.us-east-1.amazonaws.com",
            "ec2messages.us-east-1.amazonaws.com",
            "dns.google", "one.one.one.one", "cloudflare-dns.com", "dns.quad9.net", "resolver1.opendns.com");

    private final BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());

    @Test
    void noPublicResolverIsListed() {
        assertThat(listed(PUBLIC_RESOLVERS)).isEmpty();
    }

    @Test
    void noBenignSimulatorDestinationIsListed() {
        assertThat(listed(SIMULATOR_BENIGN_ADDRESSES)).isEmpty();
    }

    @Test
    void noBenignDomainIsListed() {
        List<String> hits = new ArrayList<>();
        for (Category c : Category.values()) {
            DomainMatcher m = intel.domains(c);
            for (String d : BENIGN_DOMAINS) {
                if (m != null && m.match(DomainMatcher.normalise(d)) != null) {
                    hits.add(d + " in " + c + " (" + m.match(DomainMatcher.normalise(d)).listName() + ")");
                }
            }
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void theCheckSeesAListedAddress() {
        // the control: an address the shipped Tor exit list holds is found the same way
        assertThat(listed(List.of(ThreatFeedOverrideTest.SHIPPED_TOR_EXIT))).isNotEmpty();
    }

    private List<String> listed(List<String> addresses) {
        List<String> hits = new ArrayList<>();
        for (Category c : Category.values()) {
            IpMatcher m = intel.ips(c);
            for (String a : addresses) {
                List<String> lists = m == null ? List.of() : m.match(new IPAddressString(a).getAddress());
                if (!lists.isEmpty()) {
                    hits.add(a + " in " + c + " " + lists);
                }
            }
        }
        return hits;
    }
}
