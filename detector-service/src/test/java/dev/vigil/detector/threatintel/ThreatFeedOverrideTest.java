package dev.vigil.detector.threatintel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.ThreatFeedState;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Feeds over the built-in snapshots: a feed adds a list to its category, a feed with a built-in list's name replaces
 * that file (and only it), a feed in which nothing parses is refused with the previous copy kept, and a tombstone
 * brings the snapshot back.
 */
class ThreatFeedOverrideTest {

    static final String SHIPPED_TOR_EXIT = "101.99.92.179";

    static ThreatFeedState feed(String name, String category, String listName, List<String> entries, long version) {
        return new ThreatFeedState(ThreatFeedState.SCHEMA_VERSION, name, category, listName, entries,
                "https://feeds.example/" + name, 1_700_000_000_000L, version);
    }

    static List<String> ip(IpMatcher m, String address) {
        return m.match(new IPAddressString(address).getAddress());
    }

    @Test
    void aFeedAddsAListToItsCategory() {
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());
        assertThat(ip(intel.ips(Category.C2), "198.51.100.77")).isEmpty();

        ListReader.Report r = intel.applyFeed(feed("feodo", "C2", "feodo-c2", List.of("198.51.100.77", "# comment",
                "c2.feed.example", "not an entry!"), 1));
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(ip(intel.ips(Category.C2), "198.51.100.77")).containsExactly("Vigil:feodo-c2");
        assertThat(intel.domains(Category.C2).match("a.c2.feed.example").listName()).isEqualTo("Vigil:feodo-c2");
        // a neighbouring address and a parent domain are not listed
        assertThat(ip(intel.ips(Category.C2), "198.51.100.78")).isEmpty();
        assertThat(intel.domains(Category.C2).match("feed.example")).isNull();
        // other categories untouched, the shipped Tor list still there
        assertThat(ip(intel.ips(Category.TOR), SHIPPED_TOR_EXIT)).isNotEmpty();
    }

    @Test
    void aFeedWithABuiltInListsNameReplacesThatFileAndATombstoneRestoresIt() {
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());
        int shipped = intel.ips(Category.TOR).size();
        assertThat(ip(intel.ips(Category.TOR), SHIPPED_TOR_EXIT)).contains("Vigil:tor-exit-nodes");

        intel.applyFeed(feed("tor-exits", "TOR", "tor-exit-nodes", List.of("192.0.2.200"), 1));
        assertThat(ip(intel.ips(Category.TOR), "192.0.2.200")).containsExactly("Vigil:tor-exit-nodes");
        assertThat(ip(intel.ips(Category.TOR), SHIPPED_TOR_EXIT)).doesNotContain("Vigil:tor-exit-nodes");
        assertThat(intel.ips(Category.TOR).size()).isLessThan(shipped);

        intel.removeFeed("tor-exits");
        assertThat(ip(intel.ips(Category.TOR), SHIPPED_TOR_EXIT)).contains("Vigil:tor-exit-nodes");
        assertThat(ip(intel.ips(Category.TOR), "192.0.2.200")).isEmpty();
        assertThat(intel.ips(Category.TOR).size()).isEqualTo(shipped);
    }

    @Test
    void aFeedInWhichNothingParsesIsRefusedAndThePreviousCopyStays() {
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());
        intel.applyFeed(feed("mining", "CRYPTO", "mining-feed", List.of("pool.feed.example"), 1));
        assertThat(intel.applyFeed(feed("mining", "CRYPTO", "mining-feed", List.of("<html>", "oops !!"), 2))).isNull();
        assertThat(intel.domains(Category.CRYPTO).match("pool.feed.example")).isNotNull();
        assertThat(intel.applyFeed(feed("x", "NO_SUCH_CATEGORY", "x", List.of("192.0.2.1"), 1))).isNull();
    }
}
