package dev.vigil.detector.rules.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Json;
import dev.vigil.events.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WindowAggSerdeTest {

    private final WindowAggSerde serde = new WindowAggSerde();

    /** A window with every member set, the key's optional parts included. */
    private static WindowAgg full() {
        WindowAgg a = new WindowAgg();
        a.rule = Rule.BRUTEFORCE;
        a.accountId = "111111111111";
        a.region = "us-east-1";
        a.detectorId = "d-1";
        a.key = new WindowKey("i-0abc", "198.51.100.7", 6, 22, "SSH", false);
        a.count = 21;
        a.packets = 4_200;
        a.bytes = 9_000_000_000L;
        a.first = 1_764_979_200_000L;
        a.last = 1_764_979_260_000L;
        a.resource = "{\"resourceType\":\"Instance\"}";
        a.action = "{\"actionType\":\"NETWORK_CONNECTION\"}";
        a.detail = "10.0.0.5 \u00e9\u4e2d"; // not only ASCII
        a.elements.add("22");
        a.elements.add("2222");
        a.distinct = 3;
        a.emitted = 20;
        return a;
    }

    @Test
    void aWindowReadsBackWithEveryMember() {
        WindowAgg a = full();
        byte[] bytes = serde.serialize("t", a);
        assertThat(bytes[0]).isEqualTo(WindowAggSerde.VERSION);
        assertThat(Json.write(serde.deserialize("t", bytes))).isEqualTo(Json.write(a));
        assertThat(serde.deserialize("t", bytes).elements).containsExactly("22", "2222");
    }

    @Test
    void absentMembersStayAbsentAndTheDefaultsStay() {
        WindowAgg empty = new WindowAgg();
        WindowAgg back = serde.deserialize("t", serde.serialize("t", empty));
        assertThat(back.rule).isNull();
        assertThat(back.key).isNull();
        assertThat(back.first).isEqualTo(Long.MAX_VALUE);
        assertThat(back.last).isEqualTo(Long.MIN_VALUE);
        WindowAgg keyed = new WindowAgg();
        keyed.key = WindowKey.of("eni-1");
        assertThat(serde.deserialize("t", serde.serialize("t", keyed)).key).isEqualTo(WindowKey.of("eni-1"));
    }

    @Test
    void windowsWrittenAsJsonByAnEarlierDetectorAreRead() {
        WindowAgg a = full();
        byte[] json = new JsonSerde<>(WindowAgg.class).serialize("t", a);
        assertThat(Json.write(serde.deserialize("t", json))).isEqualTo(Json.write(a));
    }

    @Test
    void theBinaryFormIsSmallerThanJson() {
        WindowAgg a = full();
        assertThat(serde.serialize("t", a).length)
                .isLessThan(new JsonSerde<>(WindowAgg.class).serialize("t", a).length);
    }

    @Test
    void bytesThatAreNoWindowAreRefusedWithTheReason() {
        assertThat(serde.deserialize("t", null)).isNull();
        assertThat(serde.serialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserialize("t", "hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("first byte");
        byte[] truncated = java.util.Arrays.copyOf(serde.serialize("t", full()), 20);
        assertThatThrownBy(() -> serde.deserialize("t", truncated)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid window on t");
        assertThatThrownBy(() -> serde.deserialize("t", "{\"count\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("JSON window");
    }
}
