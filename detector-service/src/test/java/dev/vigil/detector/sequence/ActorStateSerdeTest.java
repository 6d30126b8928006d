package dev.vigil.detector.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Json;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ActorStateSerdeTest {

    private static final long T = 1_733_500_000_000L;
    private final ActorStateSerde serde = new ActorStateSerde();

    private static SequenceSignal.Actor actor(String key) {
        return new SequenceSignal.Actor("AROAEXAMPLE:" + key, "role-7", "AssumedRole", "ASIA" + key, "111111111111");
    }

    /** A chain with a finding signal (severity, resource with detail, Tor endpoints) and two API signals. */
    private static ActorState sample() {
        ActorState s = new ActorState();
        SequenceSignal finding = new SequenceSignal("111111111111", "us-east-1", "12abc", SequenceSignal.Scope.IAM,
                "AROAEXAMPLE:alice", "FINDING", "UnauthorizedAccess:IAMUser/TorIPCaller", "f-1", "InitialAccess",
                null, 5.0, T, T - 60_000, 3, actor("alice"), new SequenceSignal.Resource("ACCESS_KEY", "ASIAalice",
                        "{\"accessKeyDetails\":{\"userName\":\"ällice — ü\"}}"), "185.220.101.7",
                Map.of("TOR_IP", "185.220.101.7"), false);
        SequenceSignal list = new SequenceSignal("111111111111", "us-east-1", "12abc", SequenceSignal.Scope.IAM,
                "AROAEXAMPLE:alice", "CLOUD_TRAIL", "ListBuckets", "api:s3.amazonaws.com:ListBuckets@185.220.101.7",
                "Discovery", "T1619 Cloud Storage Object Discovery", null, T + 1_000, T + 1_000, 1, actor("bob"), null,
                "185.220.101.7", Map.of(), false);
        SequenceSignal get = new SequenceSignal("111111111111", "us-east-1", null, SequenceSignal.Scope.IAM,
                "AROAEXAMPLE:alice", "S3_DATA_EVENTS", "GetObject", "api:s3.amazonaws.com:GetObject@185.220.101.7",
                "Collection", null, null, T + 2_000, T + 2_000, 1, actor("alice"),
                new SequenceSignal.Resource("S3_BUCKET", "arn:aws:s3:::payroll", null), "185.220.101.7",
                Map.of("HIGH_RISK_API", "GetObject"), true);
        s.add(finding, 86_400_000L);
        s.add(list, 86_400_000L);
        s.add(get, 86_400_000L);
        s.add(get, 86_400_000L);
        s.sequenceId = "seq-1";
        s.type = "AttackSequence:S3/CompromisedData";
        s.emittedEvents = 5;
        s.emittedSignals = 3;
        s.sequenceNewestMs = T + 2_000;
        s.emittedAtMs = T + 2_000;
        s.dirty = true;
        return s;
    }

    @Test
    void aChainRoundTripsWithEveryMemberAndTheOrderOfItsSignals() throws Exception {
        ActorState s = sample();
        byte[] bytes = serde.serialize("t", s);
        assertThat(bytes[0]).isEqualTo(ActorStateSerde.VERSION);
        ActorState back = serde.deserialize("t", bytes);
        assertThat(Json.MAPPER.writeValueAsString(back)).isEqualTo(Json.MAPPER.writeValueAsString(s));
        assertThat(back.signals).extracting(a -> a.name).containsExactly("UnauthorizedAccess:IAMUser/TorIPCaller",
                "ListBuckets", "GetObject");
        assertThat(back.signals.get(0).severity).isEqualTo(5.0);
        assertThat(back.signals.get(1).severity).isNull();
        assertThat(back.signals.get(1).actor).isEqualTo(actor("bob"));
        assertThat(back.signals.get(2).count).isEqualTo(2);
        assertThat(back.signals.get(0).resources.get(0).detail()).contains("ällice — ü");
        assertThat(bytes.length).isLessThan(Json.MAPPER.writeValueAsBytes(s).length);
    }

    @Test
    void jsonStatesOfEarlierVersionsAreRead() throws Exception {
        ActorState s = sample();
        ActorState back = serde.deserialize("t", Json.MAPPER.writeValueAsBytes(s));
        assertThat(Json.MAPPER.writeValueAsString(back)).isEqualTo(Json.MAPPER.writeValueAsString(s));
    }

    @Test
    void aNewStateAndNullRoundTrip() throws Exception {
        ActorState empty = new ActorState();
        ActorState back = serde.deserialize("t", serde.serialize("t", empty));
        assertThat(back.scope).isNull();
        assertThat(back.actor).isNull();
        assertThat(back.signals).isEmpty();
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void bytesThatAreNeitherFormNameTheTopicAndFail() {
        assertThatThrownBy(() -> serde.deserialize("sequence-actors-changelog", new byte[] {9, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("sequence-actors-changelog")
                .hasMessageContaining("first byte 9");
        byte[] whole = serde.serialize("t", sample());
        byte[] cut = Arrays.copyOf(whole, whole.length - 7);
        assertThatThrownBy(() -> serde.deserialize("sequence-actors-changelog", cut))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a valid actor state");
    }
}
