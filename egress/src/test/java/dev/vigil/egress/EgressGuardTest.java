package dev.vigil.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddress;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every block of the shipped IANA registries is refused; public unicast addresses are not; plain JUnit. */
class EgressGuardTest {

    private final EgressGuard guard = EgressGuard.strict();

    private String refusal(String address) throws Exception {
        return guard.refusal(InetAddress.getByName(address));
    }

    @Test
    void everyRowOfBothRegistriesIsRefusedAtItsFirstAndLastAddress() throws Exception {
        List<SpecialPurposeRegistry.Block> blocks = SpecialPurposeRegistry.blocks();
        // 25 IPv4 rows (one holds two blocks) and 25 IPv6 rows, plus multicast x2 and IPv4-compatible
        assertThat(blocks).hasSize(26 + 25 + 3);
        for (SpecialPurposeRegistry.Block b : blocks) {
            IPAddress block = b.prefix();
            for (IPAddress a : List.of(block.getLower().withoutPrefixLength(), block.getUpper().withoutPrefixLength())) {
                assertThat(guard.refusal(a.toInetAddress())).as(b.name() + " " + a).isNotNull();
            }
        }
    }

    @Test
    void theRangesTheProbeFoundOpenAreRefused() throws Exception {
        for (String a : List.of("198.18.0.1", "198.19.255.255", "240.0.0.1", "255.255.255.255", "192.0.2.10",
                "127.0.0.1", "169.254.169.254", "10.0.0.1", "::1", "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                "64:ff9b::7f00:1", "2002:7f00:1::1", "fd00::1", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "ff02::1",
                "100.64.0.1", "3fff::1", "5f00::1")) {
            assertThat(refusal(a)).as(a).isNotNull();
        }
    }

    @Test
    void publicUnicastAddressesAreAllowed() throws Exception {
        for (String a : List.of("8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001::1",
                "::ffff:8.8.8.8", "192.0.3.1", "198.20.0.1")) {
            assertThat(refusal(a)).as(a).isNull();
        }
    }

    @Test
    void theMachinesOwnAddressesAreRefused() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                assertThat(guard.refusal(a)).as(a.toString()).isNotNull();
            }
        }
    }

    @Test
    void theOperatorsAllowListAndSwitchOpenChosenAddresses() throws Exception {
        EgressGuard allowing = new EgressGuard(true, List.of("10.1.2.0/24", "::1"));
        assertThat(allowing.refusal(InetAddress.getByName("10.1.2.3"))).isNull();
        assertThat(allowing.refusal(InetAddress.getByName("::1"))).isNull();
        assertThat(allowing.refusal(InetAddress.getByName("10.1.3.3"))).isNotNull();
        assertThat(new EgressGuard(false, List.of()).refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThatThrownBy(() -> new EgressGuard(true, List.of("not-a-cidr"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urlsAreCheckedWhenGiven() {
        Set<String> https = Set.of("https");
        assertThatThrownBy(() -> guard.checkUrl("https://127.0.0.1:8443/hook", https, true)).hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> guard.checkUrl("https://[::1]:8443/hook", https, true)).hasMessageContaining("refused");
        assertThatThrownBy(() -> guard.checkUrl("https://localhost/hook", https, true)).hasMessageContaining("refused");
        assertThatThrownBy(() -> guard.checkUrl("http://8.8.8.8/hook", https, true)).hasMessageContaining("scheme");
        assertThatThrownBy(() -> guard.checkUrl("https://user@8.8.8.8/hook", https, true)).hasMessageContaining("user");
        assertThat(guard.checkUrl("https://8.8.8.8/hook", https, true).getHost()).isEqualTo("8.8.8.8");
        assertThat(guard.checkUrl("https://no-such-host.invalid/hook", https, true).getHost()).isEqualTo("no-such-host.invalid");
        assertThat(guard.checkUrl("https://localhost/hook", https, false).getHost()).isEqualTo("localhost");
        assertThatThrownBy(() -> guard.checkUrl("https://[::ffff:a00:1]/hook", https, false)).hasMessageContaining("refused");
    }
}
