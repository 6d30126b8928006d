package dev.vigil.detector.sequence;

import dev.vigil.detector.state.BinarySerde;
import dev.vigil.detector.state.BinaryWriter;
import dev.vigil.detector.state.BinaryReader;
import java.io.IOException;
import java.util.Map;

/**
 * The store {@value CorrelationProcessor#STORE}'s value serde: {@link ActorState} in a compact binary form, written
 * for every actor a commit changed (issue 26, eleventh pass: as JSON the actors were 163 MB of the drain benchmark's
 * changelogs, 4.1 KB per write, each chain of up to {@value ActorState#MAX_SIGNALS} signals repeating every member
 * name). It also reads the JSON states written before it ({@link BinarySerde}).
 *
 * <p>Layout after the version byte ({@link BinaryWriter}'s big-endian numbers and strings, a {@code null}
 * {@link SequenceSignal.Scope} as a {@code null} string, a {@code null} {@link SequenceSignal.Actor} as a {@code false}
 * presence byte): accountId, region, detectorId, scope, key, newestMs, sequenceId, type, emittedEvents, emittedSignals,
 * sequenceNewestMs, emittedAtMs, dirty, actor; the number of signals, then each signal's source, name, uid, tactic,
 * technique, severity (presence byte, then the double), firstMs, lastMs, count, s3Data, actor, the number of its
 * resources and each one's type, uid and detail, the number of its endpoints and each endpoint, the number of its
 * indicators and each one's type and value.
 */
public final class ActorStateSerde extends BinarySerde<ActorState> {

    /** The first byte of the binary form. */
    static final byte VERSION = 1;

    /** The serde. */
    public ActorStateSerde() {
        super(VERSION, ActorState.class, "actor state");
    }

    @Override
    protected int sizeHint(ActorState s) {
        return 256 + 160 * s.signals.size();
    }

    @Override
    protected void write(BinaryWriter out, ActorState s) {
        out.writeString(s.accountId);
        out.writeString(s.region);
        out.writeString(s.detectorId);
        out.writeString(s.scope == null ? null : s.scope.name());
        out.writeString(s.key);
        out.writeLong(s.newestMs);
        out.writeString(s.sequenceId);
        out.writeString(s.type);
        out.writeLong(s.emittedEvents);
        out.writeInt(s.emittedSignals);
        out.writeLong(s.sequenceNewestMs);
        out.writeLong(s.emittedAtMs);
        out.writeBoolean(s.dirty);
        writeActor(out, s.actor);
        out.writeInt(s.signals.size());
        for (ActorState.Agg a : s.signals) {
            out.writeString(a.source);
            out.writeString(a.name);
            out.writeString(a.uid);
            out.writeString(a.tactic);
            out.writeString(a.technique);
            out.writeBoolean(a.severity != null);
            if (a.severity != null) {
                out.writeDouble(a.severity);
            }
            out.writeLong(a.firstMs);
            out.writeLong(a.lastMs);
            out.writeLong(a.count);
            out.writeBoolean(a.s3Data);
            writeActor(out, a.actor);
            out.writeInt(a.resources.size());
            for (SequenceSignal.Resource r : a.resources) {
                out.writeString(r.type());
                out.writeString(r.uid());
                out.writeString(r.detail());
            }
            out.writeInt(a.endpoints.size());
            for (String e : a.endpoints) {
                out.writeString(e);
            }
            out.writeInt(a.indicators.size());
            for (Map.Entry<String, String> i : a.indicators.entrySet()) {
                out.writeString(i.getKey());
                out.writeString(i.getValue());
            }
        }
    }

    @Override
    protected ActorState read(BinaryReader in) throws IOException {
        ActorState s = new ActorState();
        s.accountId = in.readString();
        s.region = in.readString();
        s.detectorId = in.readString();
        String scope = in.readString();
        s.scope = scope == null ? null : SequenceSignal.Scope.valueOf(scope);
        s.key = in.readString();
        s.newestMs = in.readLong();
        s.sequenceId = in.readString();
        s.type = in.readString();
        s.emittedEvents = in.readLong();
        s.emittedSignals = in.readInt();
        s.sequenceNewestMs = in.readLong();
        s.emittedAtMs = in.readLong();
        s.dirty = in.readBoolean();
        s.actor = readActor(in);
        for (int n = count(in); n > 0; n--) {
            ActorState.Agg a = new ActorState.Agg();
            a.source = in.readString();
            a.name = in.readString();
            a.uid = in.readString();
            a.tactic = in.readString();
            a.technique = in.readString();
            a.severity = in.readBoolean() ? in.readDouble() : null;
            a.firstMs = in.readLong();
            a.lastMs = in.readLong();
            a.count = in.readLong();
            a.s3Data = in.readBoolean();
            a.actor = readActor(in);
            for (int r = count(in); r > 0; r--) {
                a.resources.add(new SequenceSignal.Resource(in.readString(), in.readString(),
                        in.readString()));
            }
            for (int e = count(in); e > 0; e--) {
                a.endpoints.add(in.readString());
            }
            for (int i = count(in); i > 0; i--) {
                a.indicators.put(in.readString(), in.readString());
            }
            s.signals.add(a);
        }
        return s;
    }

    private static void writeActor(BinaryWriter out, SequenceSignal.Actor a) {
        out.writeBoolean(a != null);
        if (a != null) {
            out.writeString(a.principalId());
            out.writeString(a.userName());
            out.writeString(a.userType());
            out.writeString(a.accessKeyId());
            out.writeString(a.accountId());
        }
    }

    private static SequenceSignal.Actor readActor(BinaryReader in) throws IOException {
        return in.readBoolean() ? new SequenceSignal.Actor(in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString()) : null;
    }
}
