package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests of the contract: each file under {@code golden/} is what a producer of this version writes.
 * Reading it and writing it again must give the same JSON, so a change to a record that alters the wire format
 * fails here. Plain JUnit, nothing mocked.
 */
class GoldenFileTest {

    static Stream<Arguments> goldenFiles() {
        return Stream.of(
                Arguments.of("flow-log.json", FlowLogRecord.class),
                Arguments.of("dns-log.json", DnsLogRecord.class),
                Arguments.of("cloudtrail.json", CloudTrailRecord.class),
                Arguments.of("usage.json", UsageRecord.class),
                Arguments.of("account-state.json", AccountState.class),
                Arguments.of("threat-lists.json", ThreatListState.class),
                Arguments.of("access-key-state.json", AccessKeyState.class),
                Arguments.of("log-source-state.json", LogSourceState.class),
                Arguments.of("log-source-status.json", LogSourceStatus.class),
                Arguments.of("log-source-checkpoint.json", LogSourceCheckpoint.class),
                Arguments.of("finding-candidate.json", FindingCandidate.class),
                Arguments.of("finding-event.json", FindingEvent.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    <T> void roundTripKeepsTheWireFormat(String file, Class<T> type) throws IOException {
        byte[] golden = read(file);
        JsonSerde<T> serde = new JsonSerde<>(type);
        T value = serde.deserialize("t", golden);
        JsonNode expected = Json.MAPPER.readTree(golden);
        JsonNode actual = Json.MAPPER.readTree(serde.serialize("t", value));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void flowLogKeepsAwsFieldNamesAndUnknownFields() throws IOException {
        FlowLogRecord r = new Serdes.FlowLog().deserialize("t", read("flow-log.json"));
        assertThat(r.interfaceId()).isEqualTo("eni-1235b8ca123456789");
        assertThat(r.logStatus()).isEqualTo("OK");
        assertThat(r.fields()).containsEntry("future-field", "x");
        assertThat(r.eventTimeMillis()).isEqualTo(1418530070000L);
        assertThat(r.key()).isEqualTo("111111111111/eni-1235b8ca123456789");
        assertThat(r.hasTraffic()).isTrue();
    }

    @Test
    void dnsAndCloudTrailKeysAndEventTimes() throws IOException {
        DnsLogRecord dns = new Serdes.DnsLog().deserialize("t", read("dns-log.json"));
        assertThat(dns.key()).isEqualTo("111111111111/i-0d15cd0d3f5b1c8e4");
        assertThat(dns.eventTimeMillis()).isEqualTo(1612461115000L);
        assertThat(dns.answers()).extracting(DnsLogRecord.Answer::rdata).containsExactly("203.0.113.10");

        CloudTrailRecord ct = new Serdes.CloudTrail().deserialize("t", read("cloudtrail.json"));
        assertThat(ct.key()).isEqualTo("111111111111/AIDAJ45Q7YFFAREXAMPLE");
        assertThat(ct.eventTimeMillis()).isEqualTo(1468523745000L);
        assertThat(ct.requestParameters().get("name").asText()).isEqualTo("myTrail2");
    }

    @Test
    void accountStateAnswersWhatConsumersAsk() throws IOException {
        AccountState s = new Serdes.Account().deserialize("t", read("account-state.json"));
        assertThat(s.analyses("us-east-1")).isTrue();
        assertThat(s.analyses("eu-west-1")).isFalse();
        assertThat(s.enabledMembers()).containsExactly("222222222222");
        assertThat(s.analysesS3DataEvents("us-east-1")).isTrue();
        assertThat(s.analysesS3DataEvents("eu-west-1")).isFalse();
    }

    @Test
    void newerProducersMayAddMembers() {
        UsageRecord u = Json.read("{\"schemaVersion\":2,\"accountId\":\"111111111111\",\"bytes\":5,\"newThing\":1}",
                UsageRecord.class);
        assertThat(u.bytes()).isEqualTo(5);
    }

    @Test
    void tombstonesStayNullAndGarbageIsASerializationException() {
        assertThat(new Serdes.Account().deserialize("t", null)).isNull();
        assertThat(new Serdes.Account().serialize("t", null)).isNull();
        assertThatThrownBy(() -> new Serdes.FlowLog().deserialize("vigil.flow-logs.v1", "{not json".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("FlowLogRecord")
                .hasMessageContaining("vigil.flow-logs.v1");
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return in.readAllBytes();
        }
    }
}
