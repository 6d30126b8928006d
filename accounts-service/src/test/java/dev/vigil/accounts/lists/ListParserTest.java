package dev.vigil.accounts.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each list format: accepted entries normalised, bad entries reported with their line and never fatal. */
class ListParserTest {

    static ListParser.Result parse(String format, String text, boolean domains) {
        return ListParser.parse(format, text.getBytes(StandardCharsets.UTF_8), domains);
    }

    @Test
    void txtTakesIpsCidrsAndCommentsAndReportsBadLines() {
        ListParser.Result r = parse("TXT", """
                # trusted offices
                198.51.100.7
                203.0.113.0/24   # HQ
                10.1.2.3/16
                2001:db8::1
                not an ip
                999.1.1.1

                """, false);
        assertThat(r.cidrs()).containsExactly("198.51.100.7", "203.0.113.0/24", "10.1.0.0/16", "2001:db8::1");
        assertThat(r.domains()).isEmpty();
        assertThat(r.bad()).hasSize(2);
        assertThat(r.bad().get(0)).startsWith("line 6:").contains("not an ip");
        assertThat(r.bad().get(1)).startsWith("line 7:");
    }

    @Test
    void domainsOnlyInThreatLists() {
        ListParser.Result threat = parse("TXT", "evil.example.com\nBAD.Example.NET.\n192.0.2.1\n", true);
        assertThat(threat.domains()).containsExactly("evil.example.com", "bad.example.net");
        assertThat(threat.cidrs()).containsExactly("192.0.2.1");
        ListParser.Result trusted = parse("TXT", "evil.example.com\n192.0.2.1\n", false);
        assertThat(trusted.domains()).isEmpty();
        assertThat(trusted.bad()).singleElement().asString().contains("not allowed in a trusted IP list");
    }

    @Test
    void wildcardDomainsKeepTheirWildcardAndBadWildcardsAreRejected() {
        ListParser.Result r = parse("TXT", "*.Evil.Example\n*.\n**.x.example\nevil.example\n", true);
        assertThat(r.domains()).containsExactly("*.evil.example", "evil.example");
        assertThat(r.bad()).hasSize(2).first().asString().startsWith("line 2:");
    }

    @Test
    void stixBundleIndicators() {
        ListParser.Result r = parse("STIX", """
                {"type":"bundle","id":"bundle--1","objects":[
                 {"type":"indicator","spec_version":"2.1","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix"},
                 {"type":"indicator","pattern":"[ipv6-addr:value = '2001:db8::/32'] OR [domain-name:value = 'c2.example.org']"},
                 {"type":"indicator","pattern":"[file:hashes.MD5 = 'abc']"},
                 {"type":"malware","name":"x"}
                ]}""", true);
        assertThat(r.cidrs()).containsExactly("198.51.100.1", "2001:db8::/32");
        assertThat(r.domains()).containsExactly("c2.example.org");
        assertThat(r.bad()).singleElement().asString().startsWith("object 3:");
    }

    @Test
    void stixThatIsNotJsonIsReported() {
        ListParser.Result r = parse("STIX", "198.51.100.1", true);
        assertThat(r.size()).isZero();
        assertThat(r.bad()).singleElement().asString().contains("not a STIX 2.x JSON bundle");
    }

    @Test
    void otxCsv() {
        ListParser.Result r = parse("OTX_CSV", "Indicator type,Indicator,Description\nIPv4,198.51.100.9,scanner\ndomain,bad.example.com,c2\nIPv4,nope,x\n", true);
        assertThat(r.cidrs()).containsExactly("198.51.100.9");
        assertThat(r.domains()).containsExactly("bad.example.com");
        assertThat(r.bad()).singleElement().asString().startsWith("line 4:");
    }

    @Test
    void alienVaultReputation() {
        ListParser.Result r = parse("ALIEN_VAULT", "# generated\n198.51.100.10#4#2#Malicious Host#US##37.7,-122.4#3\nbad#1#1\n", false);
        assertThat(r.cidrs()).containsExactly("198.51.100.10");
        assertThat(r.bad()).hasSize(1);
    }

    @Test
    void proofPointCsv() {
        ListParser.Result r = parse("PROOF_POINT", "ip,category,score\n198.51.100.11,CnC,127\n203.0.113.5,Scanner,30\n", false);
        assertThat(r.cidrs()).containsExactly("198.51.100.11", "203.0.113.5");
        assertThat(r.bad()).isEmpty();
    }

    @Test
    void fireEyeCsvByHeader() {
        ListParser.Result r = parse("FIRE_EYE", "reportId,ipAddress,domain,title\nr1,198.51.100.12,,APT\nr2,,evil.example.net,APT\n", true);
        assertThat(r.cidrs()).containsExactly("198.51.100.12");
        assertThat(r.domains()).containsExactly("evil.example.net");
        ListParser.Result noColumn = parse("FIRE_EYE", "a,b\n1,2\n", true);
        assertThat(noColumn.size()).isZero();
        assertThat(noColumn.bad()).singleElement().asString().contains("no ip or domain column");
    }

    @Test
    void duplicatesCountOnce() {
        assertThat(parse("TXT", "192.0.2.1\n192.0.2.1\n192.0.2.1/32\n", false).cidrs()).containsExactly("192.0.2.1");
    }

    @Test
    void unknownFormatIsRejected() {
        assertThatThrownBy(() -> parse("CSV", "x", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectedLinesNeverCarryNulOrParserDetails() {
        ListParser.Result r = parse("TXT", "192.0.2.1\nevil\u0000.example\nx\u0001y\n", true);
        assertThat(r.cidrs()).hasSize(1);
        assertThat(r.bad()).hasSize(2).allSatisfy(b -> assertThat(b).doesNotContain("\u0000").contains("\uFFFD"));
        ListParser.Result stix = parse("STIX", "{/* comment */}", true);
        assertThat(stix.bad()).singleElement().asString().startsWith("line 1: not a STIX 2.x JSON bundle")
                .doesNotContain("Feature", "ALLOW_COMMENTS");
    }
}
