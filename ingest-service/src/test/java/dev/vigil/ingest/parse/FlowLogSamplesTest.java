package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.FlowLogRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real flow log files of ../shared/samples/vpcflow give the counts their README predicts. */
class FlowLogSamplesTest {

    static Collected<FlowLogRecord> parse(String file) {
        Collected<FlowLogRecord> c = new Collected<>();
        String body = new String(Samples.read("vpcflow/" + file), StandardCharsets.UTF_8);
        c.outcome = new FlowLogParser().parse(body, ParseContext.of("123456789010", "us-east-1",
                1_800_000_000_000L), c);
        return c;
    }

    @ParameterizedTest(name = "{0}: {1} accepted, {2} rejected")
    @CsvSource({
            "awsdocs/default-v2-examples.log, 7, 0",
            "awsdocs/default-v2-examples-with-header.log, 7, 0",
            "awsdocs/custom-nat-gateway-no-version.log, 6, 0",
            "awsdocs/custom-v3-tcp-flags.log, 8, 0",
            "awsdocs/custom-v3-transit-gateway.log, 4, 0",
            "awsdocs/custom-v5-traffic-path.log, 2, 0",
            "awsdocs/custom-v5-traffic-path.log.gz, 2, 0",
            "elastic/deploy-tf-test-extra-samples.log, 7, 2",
            "elastic/test-extra-samples.log, 7, 0",
            "elastic/test-tcp-flag-sequence.log, 3, 0",
            "elastic/test-v5-all-fields.log, 0, 1",
            "elastic/test-v8-samples.log, 0, 1",
            "elastic/test-with-message-field.log, 1, 0"})
    void countsMatchTheReadme(String file, int accepted, int rejected) {
        Collected<FlowLogRecord> c = parse(file);
        assertThat(c.outcome.recognised()).isTrue();
        assertThat(c.records).as("accepted, errors %s", c.errors).hasSize(accepted);
        assertThat(c.errors).hasSize(rejected);
    }

    @Test
    void defaultExamplesKeepNoDataSkipDataAndIpv6() {
        Collected<FlowLogRecord> c = parse("awsdocs/default-v2-examples.log");
        assertThat(c.records).extracting(FlowLogRecord::logStatus)
                .containsExactly("OK", "OK", "NODATA", "SKIPDATA", "OK", "OK", "OK");
        assertThat(c.records.get(6).srcaddr()).isEqualTo("2001:db8:1234:a100:8d6e:3477:df66:f105");
        assertThat(c.records.get(4).protocol()).isEqualTo(1);
    }

    @Test
    void headerIsNotAnEventAndDoubleSpaceDoesNotShiftFields() {
        assertThat(parse("awsdocs/default-v2-examples-with-header.log").records)
                .extracting(FlowLogRecord::eventId)
                .containsExactlyElementsOf(parse("awsdocs/default-v2-examples.log").records.stream()
                        .map(FlowLogRecord::eventId).toList());
        FlowLogRecord last = parse("awsdocs/custom-v3-tcp-flags.log").records.get(7);
        assertThat(last.dstport()).isEqualTo(43638);
        assertThat(last.pktSrcaddr()).isEqualTo("10.0.0.62");
        assertThat(last.tcpFlags()).isEqualTo(19);
    }

    @Test
    void v5TrafficPathFieldsAreMappedByName() {
        Collected<FlowLogRecord> c = parse("awsdocs/custom-v5-traffic-path.log");
        FlowLogRecord in = c.records.get(0);
        assertThat(in.pktSrcAwsService()).isEqualTo("S3");
        assertThat(in.flowDirection()).isEqualTo("ingress");
        assertThat(in.region()).isEqualTo("ap-southeast-2");
        assertThat(in.azId()).isEqualTo("apse2-az3");
        assertThat(c.records.get(1).trafficPath()).isEqualTo(8);
        assertThat(in.accountId()).isEqualTo("123456789012");
    }

    @Test
    void mixedFileRejectsOnlyTheForeignLines() {
        Collected<FlowLogRecord> c = parse("elastic/deploy-tf-test-extra-samples.log");
        assertThat(c.errors).extracting(LineError::line).containsExactly(8L, 9L);
        assertThat(c.records).extracting(FlowLogRecord::interfaceId).contains("eni-89.160.20.1561aaaaaaaaa");
    }

    @Test
    void repeatedHeadersAreHeaders() {
        Collected<FlowLogRecord> c = parse("elastic/test-tcp-flag-sequence.log");
        assertThat(c.records).extracting(FlowLogRecord::logStatus).containsExactly("OK", "SKIPDATA", "NODATA");
        assertThat(c.records.get(1).interfaceId()).isEqualTo("eni-1235b8ca123456789");
    }
}
