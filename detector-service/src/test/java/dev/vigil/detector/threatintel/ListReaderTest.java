package dev.vigil.detector.threatintel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.detector.rules.Net;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in list reader on bad input (issue 16): every line accepted, counted as a duplicate, or rejected with
 * its line number; a list fails only when nothing in it parses. Real parser and matchers, no mocks.
 */
class ListReaderTest {

    private static final String MESSY = String.join("\n",
            "# a comment line",                    // 1
            "",                                    // 2
            "203.0.113.7",                         // 3
            "203.0.113.0/24   # overlapping block", // 4
            "203.0.113.7",                         // 5 duplicate
            "10.1.2.3/8",                          // 6 host bits set
            "2001:DB8:0000::/32",                  // 7 IPv6, upper case, expanded
            "2001:db8::/32",                       // 8 duplicate in canonical form
            "EVIL.Example.",                       // 9 upper case, trailing dot
            "*.wild.example",                      // 10 wildcard
            "bücher.example",                      // 11 IDN
            "0.0.0.0 hosts-style.example",         // 12 hosts file
            "||adblock-style.example^",            // 13 adblock host rule
            "http://url-host.example/",            // 14 URL without a path
            "http://shared.example/malware.exe",   // 15 URL with a path: rejected
            "999.1.2.3",                           // 16 not an address
            "not a domain at all",                 // 17 garbage
            "localhost",                           // 18 single label
            "evil.example",                        // 19 duplicate
            "! adblock comment");                  // 20

    @Test
    void acceptsEveryFormCountsDuplicatesAndNamesRejectedLines() throws IOException {
        IpMatcher ips = new IpMatcher();
        DomainMatcher domains = new DomainMatcher();
        ListReader.Report r = ListReader.read("messy.txt", stream(MESSY), "messy", ips, domains);

        assertThat(r.accepted()).isEqualTo(10);
        assertThat(r.duplicates()).isEqualTo(3);
        assertThat(r.rejected()).isEqualTo(4);
        assertThat(r.examples()).hasSize(4);
        assertThat(r.examples().get(0)).startsWith("line 15: a URL with a path");
        assertThat(r.examples()).extracting(e -> e.substring(0, e.indexOf(':')))
                .containsExactly("line 15", "line 16", "line 17", "line 18");

        assertThat(ips.match(Net.parse("203.0.113.7"))).containsExactly("messy");
        assertThat(ips.contains(Net.parse("203.0.113.200"))).isTrue();
        assertThat(ips.contains(Net.parse("203.0.114.1"))).isFalse();
        assertThat(ips.contains(Net.parse("10.200.0.1"))).as("10.1.2.3/8 is 10.0.0.0/8").isTrue();
        assertThat(ips.contains(Net.parse("2001:db8:1::1"))).isTrue();
        assertThat(ips.contains(Net.parse("2001:db9::1"))).isFalse();

        assertThat(domains.match("a.evil.example").domain()).isEqualTo("evil.example");
        assertThat(domains.match("notevil.example")).as("label boundary").isNull();
        assertThat(domains.match("wild.example")).as("a wildcard matches only subdomains").isNull();
        assertThat(domains.match("x.wild.example").domain()).isEqualTo("wild.example");
        assertThat(domains.match("www.xn--bcher-kva.example.").domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(domains.match("hosts-style.example")).isNotNull();
        assertThat(domains.match("adblock-style.example")).isNotNull();
        assertThat(domains.match("url-host.example")).isNotNull();
        assertThat(domains.match("shared.example")).as("the host of one bad file is not listed").isNull();
    }

    @Test
    void aListWhereNothingParsesFailsButCommentsAloneDoNot() throws IOException {
        assertThatThrownBy(() -> ListReader.read("junk.txt", stream("junk here\n999.999.1.1\n"), "junk",
                new IpMatcher(), new DomainMatcher()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junk.txt").hasMessageContaining("line 1").hasMessageContaining("line 2");
        ListReader.Report empty = ListReader.read("empty.txt", stream("# nothing yet\n\n"), "empty", new IpMatcher(),
                new DomainMatcher());
        assertThat(empty.accepted()).isZero();
    }

    @Test
    void gzipFilesAndOverrideDirectoriesLoad(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write("phish.example\ngarbage line here\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("phishing-test.txt.gz"), gz.toByteArray());
        Files.writeString(dir.resolve("c2-test.txt"), "198.51.100.66\nc2.example\n");
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.of(dir.toString()));
        assertThat(intel.domains(Category.PHISHING).match("login.phish.example").listName())
                .isEqualTo("Vigil:phishing-test");
        assertThat(intel.ips(Category.C2).contains(Net.parse("198.51.100.66"))).isTrue();
        assertThat(intel.reports()).extracting(ListReader.Report::rejected).containsExactly(0, 1);
    }

    @Test
    void shippedListsLoadWithoutRejectsAndHoldEveryCategoryTheyClaim() {
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());
        assertThat(intel.reports()).allSatisfy(r -> assertThat(r.rejected()).as(r.name()).isZero());
        assertThat(intel.ips(Category.TOR).size()).isGreaterThan(1000);
        assertThat(intel.domains(Category.PHISHING).size()).isGreaterThan(10_000);
        assertThat(intel.domains(Category.DRIVEBY).size()).isGreaterThan(500);
        assertThat(intel.ips(Category.MALICIOUS).size()).isGreaterThan(2000);
        assertThat(intel.ips(Category.CRYPTO).size()).isGreaterThan(10);
        assertThat(intel.ips(Category.BLACKHOLE).size()).isEqualTo(3);
        assertThat(List.of(intel.domains(Category.DROPPOINT).size(), intel.domains(Category.DGA).size()))
                .as("no redistributable source reachable (PROVENANCE.md)").containsExactly(0, 0);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
