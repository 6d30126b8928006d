package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.FlowLogRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlowLogParserTest {

    static final long NOW = 1_700_000_000_000L;
    static final ParseContext CTX = ParseContext.of("999999999999", "eu-west-1", NOW);
    static final String V2 = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249"
            + " 1418530010 1418530070 ACCEPT OK";

    static Collected<FlowLogRecord> parse(String body) {
        return parse(body, CTX);
    }

    static Collected<FlowLogRecord> parse(String body, ParseContext ctx) {
        Collected<FlowLogRecord> c = new Collected<>();
        c.outcome = new FlowLogParser().parse(body, ctx, c);
        return c;
    }

    @Test
    void defaultFormatMapsEveryField() {
        Collected<FlowLogRecord> c = parse(V2 + "\n");
        FlowLogRecord r = c.only();
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.accountId()).isEqualTo("123456789010");
        assertThat(r.awsAccountId()).isEqualTo("123456789010");
        assertThat(r.region()).isEqualTo("eu-west-1");
        assertThat(r.interfaceId()).isEqualTo("eni-1235b8ca123456789");
        assertThat(r.srcaddr()).isEqualTo("172.31.16.139");
        assertThat(r.dstaddr()).isEqualTo("172.31.16.21");
        assertThat(r.srcport()).isEqualTo(20641);
        assertThat(r.dstport()).isEqualTo(22);
        assertThat(r.protocol()).isEqualTo(6);
        assertThat(r.packets()).isEqualTo(20L);
        assertThat(r.bytes()).isEqualTo(4249L);
        assertThat(r.start()).isEqualTo(1418530010L);
        assertThat(r.end()).isEqualTo(1418530070L);
        assertThat(r.action()).isEqualTo("ACCEPT");
        assertThat(r.logStatus()).isEqualTo("OK");
        assertThat(r.fields()).isNull();
        assertThat(r.key()).isEqualTo("123456789010/eni-1235b8ca123456789");
        assertThat(r.eventTimeMillis()).isEqualTo(1418530070000L);
        assertThat(c.sizes.get(0)).isEqualTo(V2.length() + 1);
        assertThat(c.outcome.recognised()).isTrue();
    }

    @Test
    void eventIdsAreDeterministicPerAccountAndLine() {
        String a = parse(V2).only().eventId();
        assertThat(parse(V2).only().eventId()).isEqualTo(a);
        assertThat(parse(V2.replace("20641", "20642")).only().eventId()).isNotEqualTo(a);
        assertThat(java.util.UUID.fromString(a).version()).isEqualTo(3);
    }

    @Test
    void noDataAndSkipDataAreAcceptedWithoutTraffic() {
        Collected<FlowLogRecord> c = parse("""
                2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA
                2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA
                """);
        assertThat(c.errors).isEmpty();
        assertThat(c.records).extracting(FlowLogRecord::logStatus).containsExactly("NODATA", "SKIPDATA");
        assertThat(c.records).noneMatch(FlowLogRecord::hasTraffic);
        assertThat(c.records.get(0).srcaddr()).isNull();
        assertThat(c.records.get(0).action()).isNull();
    }

    @Test
    void ipv6AddressesAreAccepted() {
        FlowLogRecord r = parse("2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105"
                + " 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK").only();
        assertThat(r.srcaddr()).isEqualTo("2001:db8:1234:a100:8d6e:3477:df66:f105");
    }

    @Test
    void runsOfWhitespaceSeparateFields() {
        FlowLogRecord r = parse(V2.replace(" 22 ", "  \t 22   ")).only();
        assertThat(r.dstport()).isEqualTo(22);
        assertThat(r.protocol()).isEqualTo(6);
    }

    @Test
    void customHeaderMapsByNameInAnyOrderAndKeepsUnknownFields() {
        Collected<FlowLogRecord> c = parse("""
                srcaddr version ecs-cluster-name future-field account-id dstaddr region end flow-direction traffic-path
                10.0.0.1 5 prod x 111111111111 10.0.0.2 ap-southeast-2 1616729349 ingress 8
                """);
        FlowLogRecord r = c.only();
        assertThat(r.srcaddr()).isEqualTo("10.0.0.1");
        assertThat(r.version()).isEqualTo(5);
        assertThat(r.region()).isEqualTo("ap-southeast-2");
        assertThat(r.trafficPath()).isEqualTo(8);
        assertThat(r.flowDirection()).isEqualTo("ingress");
        assertThat(r.fields()).containsEntry("ecs-cluster-name", "prod").containsEntry("future-field", "x");
        assertThat(r.interfaceId()).isNull();
        assertThat(r.key()).isEqualTo("111111111111/-");
    }

    @Test
    void headerMayRepeatAndChangeTheFormat() {
        Collected<FlowLogRecord> c = parse("""
                version account-id srcaddr
                3 111111111111 10.0.0.1
                account-id version dstaddr srcport
                111111111111 3 10.0.0.9 443
                """);
        assertThat(c.errors).isEmpty();
        assertThat(c.records).hasSize(2);
        assertThat(c.records.get(0).srcaddr()).isEqualTo("10.0.0.1");
        assertThat(c.records.get(1).dstaddr()).isEqualTo("10.0.0.9");
        assertThat(c.records.get(1).srcport()).isEqualTo(443);
    }

    @Test
    void headerlessNonDefaultLinesAreRejectedNeverGuessed() {
        Collected<FlowLogRecord> c = parse(V2 + "\n"
                + "5 64111117617 eni-069 89.160.20.156 10.200.0.0 50041 33004 17 52 1 164000066 1640000297 REJECT OK"
                + " vpc-1 subnet-1 i-1 1 IPv4 89.160.20.156 10.200.0.80 us-east-1 use1-az5 - - AMAZON CLOUDFRONT"
                + " ingress 1\n"
                + V2.replaceFirst("^2 ", "3 ") + "\n");
        assertThat(c.records).hasSize(1);
        assertThat(c.errors).extracting(LineError::line).containsExactly(2L, 3L);
        assertThat(c.errors.get(0).reason()).contains("29 fields without a header line");
        assertThat(c.errors.get(1).reason()).contains("version '3' without a header line");
    }

    @Test
    void badValuesAreReportedPerLineNamingTheField() {
        Collected<FlowLogRecord> c = parse(V2.replace(" 22 ", " 70000 ") + "\n"
                + V2.replace("172.31.16.21", "172.31.16") + "\n"
                + V2.replace("ACCEPT", "MAYBE") + "\n"
                + V2.replace("123456789010", "12345") + "\n"
                + V2);
        assertThat(c.records).hasSize(1);
        assertThat(c.errors).extracting(LineError::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("dstport: '70000'"),
                r -> assertThat(r).startsWith("dstaddr: '172.31.16'"),
                r -> assertThat(r).startsWith("action: 'MAYBE'"),
                r -> assertThat(r).startsWith("account-id: '12345'"));
        assertThat(c.positions.get(0)).isEqualTo(Pos.line(5));
    }

    @Test
    void aFieldCountThatDoesNotMatchTheHeaderIsAnError() {
        Collected<FlowLogRecord> c = parse("version account-id srcaddr\n3 111111111111\n");
        assertThat(c.errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2L);
            assertThat(e.reason()).isEqualTo("2 fields but the header line names 3");
        });
    }

    @Test
    void aHeaderNamingAFieldTwiceRejectsTheLinesUnderIt() {
        Collected<FlowLogRecord> c = parse("version srcaddr srcaddr\n3 10.0.0.1 10.0.0.2\nversion srcaddr\n3 10.0.0.3\n");
        assertThat(c.errors).extracting(LineError::line).containsExactly(1L, 2L);
        assertThat(c.only().srcaddr()).isEqualTo("10.0.0.3");
    }

    @Test
    void cloudWatchMessageWrapperIsUnwrapped() {
        FlowLogRecord r = parse("{\"message\":\"2 428961148399 eni-0e0bf7be352692297 - - - - - - - 1671029698"
                + " 1671029728 - NODATA\"}").only();
        assertThat(r.logStatus()).isEqualTo("NODATA");
        assertThat(r.accountId()).isEqualTo("428961148399");
    }

    @Test
    void unknownOrAbsentAccountFallsBackToTheCaller() {
        assertThat(parse(V2.replace("123456789010", "unknown")).only().accountId()).isEqualTo("999999999999");
        Collected<FlowLogRecord> c = parse(V2.replace("123456789010", "-"), ParseContext.of(null, "us-east-1", NOW));
        assertThat(c.records).isEmpty();
        assertThat(c.errors.get(0).reason()).contains("names no account");
    }

    @Test
    void eventTimesInTheFutureAreRejected() {
        long future = NOW / 1000 + 3600;
        Collected<FlowLogRecord> c = parse(V2.replace("1418530070", Long.toString(future)));
        assertThat(c.records).isEmpty();
        assertThat(c.errors.get(0).reason()).startsWith("end: ");
    }

    @Test
    void aBodyThatIsNotFlowLogsAtAllIsNotRecognised() {
        Collected<FlowLogRecord> c = parse("{\"Records\":[]}\nhello world\n");
        assertThat(c.outcome.recognised()).isFalse();
        assertThat(c.records).isEmpty();
        assertThat(parse("").outcome.recognised()).isFalse();
    }

    @Test
    void crLfLineEndingsAreAccepted() {
        Collected<FlowLogRecord> c = parse(V2 + "\r\n" + V2 + "\r\n");
        assertThat(c.records).hasSize(2);
        assertThat(c.sizes.get(0)).isEqualTo((V2 + "\r\n").getBytes(StandardCharsets.UTF_8).length);
    }
}
