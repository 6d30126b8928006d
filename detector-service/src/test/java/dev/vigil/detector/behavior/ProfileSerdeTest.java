package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Json;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ProfileSerdeTest {

    private final ProfileSerde serde = new ProfileSerde();

    private static Profile sample() {
        Profile p = Profile.startingAt(1_733_500_000_000L);
        p.lastMs = 1_733_500_060_000L;
        p.see("remotePort", "443", 100);
        p.see("remotePort", "53", 100);
        p.see("remotePort", "22", 100);
        p.see("asn", "AS16509 Amazon.com, Inc. — üñí", 100);
        p.stat("bytesOut").add(1500);
        p.stat("bytesOut").add(90_000.5);
        p.counters.put("burst", 17L);
        p.counters.put("bucket", -3L);
        return p;
    }

    @Test
    void aProfileRoundTripsWithEveryMemberAndTheOrderOfItsValues() throws Exception {
        Profile p = sample();
        byte[] bytes = serde.serialize("t", p);
        assertThat(bytes[0]).isEqualTo(ProfileSerde.VERSION);
        Profile back = serde.deserialize("t", bytes);
        assertThat(Json.MAPPER.writeValueAsString(back)).isEqualTo(Json.MAPPER.writeValueAsString(p));
        assertThat(back.values("remotePort")).containsExactly("443", "53", "22");
        assertThat(back.stat("bytesOut").m2).isEqualTo(p.stat("bytesOut").m2);
        assertThat(bytes.length).isLessThan(Json.MAPPER.writeValueAsBytes(p).length);
    }

    @Test
    void jsonProfilesOfEarlierVersionsAreRead() throws Exception {
        Profile p = sample();
        Profile back = serde.deserialize("t", Json.MAPPER.writeValueAsBytes(p));
        assertThat(Json.MAPPER.writeValueAsString(back)).isEqualTo(Json.MAPPER.writeValueAsString(p));
    }

    @Test
    void anEmptyProfileAndNullRoundTrip() {
        Profile empty = Profile.startingAt(5);
        assertThat(serde.deserialize("t", serde.serialize("t", empty)).isEmpty()).isTrue();
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void bytesThatAreNeitherFormNameTheTopicAndFail() {
        assertThatThrownBy(() -> serde.deserialize("profiles-changelog", new byte[] {7, 1, 2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("profiles-changelog")
                .hasMessageContaining("first byte 7");
        byte[] truncated = serde.serialize("t", sample());
        byte[] cut = Arrays.copyOf(truncated, truncated.length - 5);
        assertThatThrownBy(() -> serde.deserialize("profiles-changelog", cut))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a valid profile");
    }
}
