package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No input makes a parser throw: arbitrary bytes, arbitrary text, and near-valid lines built from real field
 * values and garbage only ever yield records, per-line errors, skips or "not this format".
 */
class ParsersNeverThrowTest {

    static final ParseContext CTX = ParseContext.of("111111111111", "us-east-1", 1_800_000_000_000L);

    @Property(tries = 300)
    void flowParserNeverThrows(@ForAll("flowish") String body) {
        Collected<FlowLogRecord> c = new Collected<>();
        ParseOutcome o = new FlowLogParser().parse(body, CTX, c);
        assertThat(o).isNotNull();
        if (!o.recognised()) {
            assertThat(c.records).isEmpty();
        }
        long lines = body.lines().filter(l -> !l.isBlank()).count();
        assertThat(c.records.size() + c.errors.size()).isLessThanOrEqualTo((int) lines);
    }

    @Property(tries = 300)
    void dnsParserNeverThrows(@ForAll("jsonish") String body) {
        Collected<DnsLogRecord> c = new Collected<>();
        ParseOutcome o = new DnsLogParser().parse(body.getBytes(StandardCharsets.UTF_8), CTX, c);
        if (!o.recognised()) {
            assertThat(c.records).isEmpty();
        }
    }

    @Property(tries = 300)
    void cloudTrailParserNeverThrows(@ForAll("jsonish") String body) {
        Collected<CloudTrailRecord> c = new Collected<>();
        ParseOutcome o = new CloudTrailParser().parse(body.getBytes(StandardCharsets.UTF_8), CTX, c);
        if (!o.recognised()) {
            assertThat(c.records).isEmpty();
        }
    }

    @Property(tries = 200)
    void arbitraryBytesNeverThrow(@ForAll byte[] body) {
        new FlowLogParser().parse(new String(body, StandardCharsets.UTF_8), CTX, new Collected<>());
        new DnsLogParser().parse(body, CTX, new Collected<>());
        new CloudTrailParser().parse(body, CTX, new Collected<>());
    }

    @Provide
    Arbitrary<String> flowish() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("2", "3", "5", "-", "123456789010", "eni-1235b8ca123456789", "10.0.0.1", "2001:db8::1",
                        "22", "6", "1418530070", "ACCEPT", "REJECT", "OK", "NODATA", "SKIPDATA", "version",
                        "account-id", "srcaddr", "end", "future-field", "{\"message\":\"2", "\"}", "unknown",
                        "99999999999999999999", "-1", "1.2.3.4/24"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> line = token.list().ofMaxSize(20).map(l -> String.join(" ", l));
        return line.list().ofMaxSize(8).map(l -> String.join("\n", l));
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"Records\"", "\"detail\"", "\"detail-type\"",
                        "\"eventTime\"", "\"2024-01-01T00:00:00Z\"", "\"query_name\"", "\"query_timestamp\"",
                        "\"account_id\"", "\"recipientAccountId\"", "\"123456789012\"", "\"userIdentity\"",
                        "\"answers\"", "\"srcids\"", "\"srcaddr\"", "null", "true", "1e999", "\n",
                        "\"digestStartTime\"", "\"eventType\"", "\"AwsCloudTrailInsight\""),
                Arbitraries.strings().ofMaxLength(6));
        return piece.list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 100)
    void validDefaultLinesAlwaysParse(@ForAll("v2") List<String> lines) {
        Collected<FlowLogRecord> c = new Collected<>();
        new FlowLogParser().parse(String.join("\n", lines), CTX, c);
        assertThat(c.errors).isEmpty();
        assertThat(c.records).hasSize(lines.size());
    }

    @Provide
    Arbitrary<List<String>> v2() {
        Arbitrary<String> ip = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        Arbitrary<String> line = net.jqwik.api.Combinators.combine(ip, ip, port, port,
                Arbitraries.of("ACCEPT", "REJECT"), Arbitraries.longs().between(0, 1_700_000_000L))
                .as((s, d, sp, dp, a, t) -> "2 123456789010 eni-0a1b2c " + s + " " + d + " " + sp + " " + dp
                        + " 6 10 840 " + t + " " + (t + 60) + " " + a + " OK");
        return line.list().ofMinSize(1).ofMaxSize(20);
    }
}
