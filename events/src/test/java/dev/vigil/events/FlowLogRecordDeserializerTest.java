package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link FlowLogRecordDeserializer} reads what databind's own record deserializer reads, the same way: every member,
 * any order, unknown members, nulls, coercions and errors.
 */
class FlowLogRecordDeserializerTest {

    /** The contract's mapper with databind's own deserializer for the record (the annotation masked by a mix-in). */
    private static final ObjectMapper DATABIND = Json.MAPPER.copy().addMixIn(FlowLogRecord.class, Databind.class);

    @JsonDeserialize(using = JsonDeserializer.None.class)
    private interface Databind {
    }

    private static FlowLogRecord full() {
        return new FlowLogRecord(1, "ev-1", "111111111111", "us-east-1", 5, "111111111111", "eni-0a1b2c3d4e5f60718",
                "10.0.1.5", "203.0.113.9", 49152, 443, 6, 12L, 4096L, 1_796_600_000L, 1_796_600_060L, "ACCEPT", "OK",
                "vpc-1", "subnet-1", "i-0abc", 19, "IPv4", "10.0.1.5", "203.0.113.9", "use1-az1", "wavelength",
                "wl-1", "AMAZON", "S3", "egress", 8, "1", "eni-0a1b2c3d4e5f60718", 1,
                Map.of("ecs-cluster-name", "prod", "ecs-task-id", "t-1"));
    }

    @Test
    void readsEveryMemberItWrote() throws Exception {
        FlowLogRecord f = full();
        byte[] json = Json.MAPPER.writeValueAsBytes(f);
        assertThat(new Serdes.FlowLog().deserialize("t", json)).isEqualTo(f).isEqualTo(DATABIND.readValue(json,
                FlowLogRecord.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // members in another order, unknown members of every shape (a newer producer), explicit nulls
        "{\"dstport\":443,\"future\":{\"a\":[1,{\"b\":2}]},\"accountId\":\"111111111111\",\"srcaddr\":null,"
                + "\"list\":[1,2],\"interface-id\":\"eni-1\",\"schemaVersion\":1,\"packets\":3,\"n\":1.5,\"t\":true}",
        // numbers written as strings and a float where an integer belongs: databind coerces them
        "{\"srcport\":\"49152\",\"packets\":\"7\",\"start\":1796600000.0,\"protocol\":\"6\",\"end\":\"1796600060\"}",
        // a string member written as a number or a boolean
        "{\"action\":1,\"type\":true,\"version\":\"\"}",
        // an empty object, missing members (schemaVersion 0)
        "{}",
        "{\"fields\":null,\"bytes\":null}",
        "{\"fields\":{\"ecs-container-id\":\"c-1\"},\"bytes\":9007199254740993}"
    })
    void readsAsDatabindDoes(String json) throws Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertThat(new Serdes.FlowLog().deserialize("t", b)).isEqualTo(DATABIND.readValue(b, FlowLogRecord.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"srcport\":\"ssh\"}", "{\"packets\":[1]}", "{\"protocol\":99999999999}",
        "{\"fields\":[\"a\"]}", "{\"srcaddr\":{\"a\":1}}"})
    void badMembersAreErrorsNamingTheMember(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        String member = json.substring(2, json.indexOf('"', 2));
        assertThatThrownBy(() -> DATABIND.readValue(b, FlowLogRecord.class)).hasMessageContaining(member);
        assertThatThrownBy(() -> new Serdes.FlowLog().deserialize("t", b)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("FlowLogRecord").hasMessageContaining(member);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"flow\"", "42", "{\"srcport\":443"})
    void whatIsNotAnObjectIsAnError(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new Serdes.FlowLog().deserialize("t", b)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("FlowLogRecord");
    }
}
