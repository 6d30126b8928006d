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
        p.learn("bytesOut", 1500);
        p.learn("bytesOut", 90_000.5);
        p.putCounter("burst", 17L);
        p.putCounter("bucket", -3L);
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
    void theRevisionCountsWhatAProfileLearnsAndNothingElse() {
        Profile p = sample();
        long r = p.revision();
        p.see("remotePort", "443", 100);        // seen already
        p.see("remotePort", "8443", 3);         // over the cap
        p.putCounter("burst", 17L);             // same value
        p.putCounterIfAbsent("bucket", 9L);     // has one
        p.lastMs = p.lastMs + 60_000;           // informational
        assertThat(p.counter("burst", 0L)).isEqualTo(17L);       // reads change nothing
        assertThat(p.stat("unknown").n).isZero();
        assertThat(p.learnedAt(p.startedMs + 1, 0L)).isTrue();
        assertThat(p.revision()).isEqualTo(r);
        p.see("remotePort", "8443", 100);
        assertThat(p.revision()).isEqualTo(++r);
        p.learn("bytesOut", 10);
        assertThat(p.revision()).isEqualTo(++r);
        p.putCounter("burst", 18L);
        assertThat(p.revision()).isEqualTo(++r);
        assertThat(p.incrementCounter("fresh")).isEqualTo(1L);
        assertThat(p.revision()).isEqualTo(++r);
        p.forget("asn");
        assertThat(p.revision()).isEqualTo(++r);
        p.learnedAt(p.startedMs - 1, 0L);       // a backfilled record moves the start back
        assertThat(p.revision()).isEqualTo(++r);
        assertThat(p.stats).doesNotContainKey("unknown");
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
