package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DnsLogRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DnsLogParserTest {

    static final ParseContext CTX = ParseContext.of("999999999999", "eu-west-1", 1_800_000_000_000L);
    static final String LINE = "{\"version\":\"1.100000\",\"account_id\":\"626345947581\",\"region\":\"us-east-1\","
            + "\"vpc_id\":\"vpc-01e31a7c\",\"query_timestamp\":\"2021-12-11T22:46:23Z\",\"query_name\":\"xn--bcher-kva.example.\","
            + "\"query_type\":\"A\",\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[{\"Rdata\":\"203.0.113.9\","
            + "\"Type\":\"A\",\"Class\":\"IN\"}],\"srcaddr\":\"172.31.86.159\",\"srcport\":\"48701\",\"transport\":\"UDP\","
            + "\"srcids\":{\"instance\":\"i-079c44232510ca8ff\"}}";

    static Collected<DnsLogRecord> parse(String body) {
        Collected<DnsLogRecord> c = new Collected<>();
        c.outcome = new DnsLogParser().parse(body.getBytes(StandardCharsets.UTF_8), CTX, c);
        return c;
    }

    @Test
    void jsonLineMapsEveryField() {
        Collected<DnsLogRecord> c = parse(LINE + "\n");
        DnsLogRecord r = c.only();
        assertThat(r.accountId()).isEqualTo("626345947581");
        assertThat(r.region()).isEqualTo("us-east-1");
        assertThat(r.queryName()).isEqualTo("xn--bcher-kva.example.");
        assertThat(r.answers()).singleElement().satisfies(a -> assertThat(a.rdata()).isEqualTo("203.0.113.9"));
        assertThat(r.instanceId()).isEqualTo("i-079c44232510ca8ff");
        assertThat(r.key()).isEqualTo("626345947581/i-079c44232510ca8ff");
        assertThat(r.eventTimeMillis()).isEqualTo(java.time.Instant.parse("2021-12-11T22:46:23Z").toEpochMilli());
        assertThat(c.sizes.get(0)).isEqualTo(LINE.length() + 1);
        assertThat(c.positions.get(0)).isEqualTo(Pos.line(1));
    }

    @Test
    void namesAreKeptAsWrittenWithOrWithoutTrailingDot() {
        Collected<DnsLogRecord> c = parse(LINE.replace("xn--bcher-kva.example.", "__cloud_init_expected_not_found__")
                + "\n" + LINE.replace("xn--bcher-kva.example.", "6.c.f.ip6.arpa"));
        assertThat(c.records).extracting(DnsLogRecord::queryName)
                .containsExactly("__cloud_init_expected_not_found__", "6.c.f.ip6.arpa");
    }

    @Test
    void jsonArrayIsReadByIndexAndEmptySrcIdsKeyOnSourceAddress() {
        Collected<DnsLogRecord> c = parse("[" + LINE + "," + LINE.replace("{\"instance\":\"i-079c44232510ca8ff\"}", "{}")
                + ", 42]");
        assertThat(c.records).hasSize(2);
        assertThat(c.positions).containsExactly(Pos.index(0), Pos.index(1));
        assertThat(c.records.get(1).key()).isEqualTo("626345947581/172.31.86.159");
        assertThat(c.errors).singleElement().isEqualTo(new LineError(null, 2L, "not a JSON object"));
    }

    @Test
    void badLinesAreRejectedAndTheirNeighboursKept() {
        Collected<DnsLogRecord> c = parse(LINE + "\n{broken\n"
                + LINE.replace("2021-12-11T22:46:23Z", "yesterday") + "\n"
                + LINE.replace("172.31.86.159", "ec2.internal") + "\n"
                + LINE.replace("626345947581", "62634594758") + "\n" + LINE);
        assertThat(c.records).hasSize(2);
        assertThat(c.errors).extracting(LineError::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(c.errors.get(0).reason()).startsWith("invalid JSON at column");
        assertThat(c.errors.get(1).reason()).startsWith("query_timestamp: 'yesterday'");
        assertThat(c.errors.get(2).reason()).startsWith("srcaddr: 'ec2.internal'");
        assertThat(c.errors.get(3).reason()).startsWith("account_id: '62634594758'");
    }

    @Test
    void textThatIsNotResolverLogsIsNotRecognised() {
        Collected<DnsLogRecord> c = parse("1.0 2017-12-13T08:16:02.130Z Z123412341234 example.com A NOERROR UDP Region"
                + " 192.168.1.1 -\n");
        assertThat(c.outcome.recognised()).isFalse();
        assertThat(parse("{\"Records\":[]}").outcome.recognised()).isFalse();
        assertThat(parse("[{\"a\":1").outcome.recognised()).isFalse();
    }
}
