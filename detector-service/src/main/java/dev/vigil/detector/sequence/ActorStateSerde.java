package dev.vigil.detector.sequence;

import dev.vigil.detector.state.BinarySerde;
import dev.vigil.detector.state.BinaryStrings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The store {@value CorrelationProcessor#STORE}'s value serde: {@link ActorState} in a compact binary form, written
 * for every actor a commit changed (issue 26, eleventh pass: as JSON the actors were 163 MB of the drain benchmark's
 * changelogs, 4.1 KB per write, each chain of up to {@value ActorState#MAX_SIGNALS} signals repeating every member
 * name). It also reads the JSON states written before it ({@link BinarySerde}).
 *
 * <p>Layout after the version byte ({@link DataOutputStream}'s big-endian numbers, strings as in {@link BinaryStrings},
 * a {@code null} {@link SequenceSignal.Scope} or {@link SequenceSignal.Actor} as a {@code false} presence byte):
 * accountId, region, detectorId, scope, key, newestMs, sequenceId, type, emittedEvents, emittedSignals,
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
    protected void write(DataOutputStream out, ActorState s) throws IOException {
        BinaryStrings.write(out, s.accountId);
        BinaryStrings.write(out, s.region);
        BinaryStrings.write(out, s.detectorId);
        BinaryStrings.write(out, s.scope == null ? null : s.scope.name());
        BinaryStrings.write(out, s.key);
        out.writeLong(s.newestMs);
        BinaryStrings.write(out, s.sequenceId);
        BinaryStrings.write(out, s.type);
        out.writeLong(s.emittedEvents);
        out.writeInt(s.emittedSignals);
        out.writeLong(s.sequenceNewestMs);
        out.writeLong(s.emittedAtMs);
        out.writeBoolean(s.dirty);
        writeActor(out, s.actor);
        out.writeInt(s.signals.size());
        for (ActorState.Agg a : s.signals) {
            BinaryStrings.write(out, a.source);
            BinaryStrings.write(out, a.name);
            BinaryStrings.write(out, a.uid);
            BinaryStrings.write(out, a.tactic);
            BinaryStrings.write(out, a.technique);
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
                BinaryStrings.write(out, r.type());
                BinaryStrings.write(out, r.uid());
                BinaryStrings.write(out, r.detail());
            }
            out.writeInt(a.endpoints.size());
            for (String e : a.endpoints) {
                BinaryStrings.write(out, e);
            }
            out.writeInt(a.indicators.size());
            for (Map.Entry<String, String> i : a.indicators.entrySet()) {
                BinaryStrings.write(out, i.getKey());
                BinaryStrings.write(out, i.getValue());
            }
        }
    }

    @Override
    protected ActorState read(DataInputStream in) throws IOException {
        ActorState s = new ActorState();
        s.accountId = BinaryStrings.read(in);
        s.region = BinaryStrings.read(in);
        s.detectorId = BinaryStrings.read(in);
        String scope = BinaryStrings.read(in);
        s.scope = scope == null ? null : SequenceSignal.Scope.valueOf(scope);
        s.key = BinaryStrings.read(in);
        s.newestMs = in.readLong();
        s.sequenceId = BinaryStrings.read(in);
        s.type = BinaryStrings.read(in);
        s.emittedEvents = in.readLong();
        s.emittedSignals = in.readInt();
        s.sequenceNewestMs = in.readLong();
        s.emittedAtMs = in.readLong();
        s.dirty = in.readBoolean();
        s.actor = readActor(in);
        for (int n = count(in); n > 0; n--) {
            ActorState.Agg a = new ActorState.Agg();
            a.source = BinaryStrings.read(in);
            a.name = BinaryStrings.read(in);
            a.uid = BinaryStrings.read(in);
            a.tactic = BinaryStrings.read(in);
            a.technique = BinaryStrings.read(in);
            a.severity = in.readBoolean() ? in.readDouble() : null;
            a.firstMs = in.readLong();
            a.lastMs = in.readLong();
            a.count = in.readLong();
            a.s3Data = in.readBoolean();
            a.actor = readActor(in);
            for (int r = count(in); r > 0; r--) {
                a.resources.add(new SequenceSignal.Resource(BinaryStrings.read(in), BinaryStrings.read(in),
                        BinaryStrings.read(in)));
            }
            for (int e = count(in); e > 0; e--) {
                a.endpoints.add(BinaryStrings.read(in));
            }
            for (int i = count(in); i > 0; i--) {
                a.indicators.put(BinaryStrings.read(in), BinaryStrings.read(in));
            }
            s.signals.add(a);
        }
        return s;
    }

    private static void writeActor(DataOutputStream out, SequenceSignal.Actor a) throws IOException {
        out.writeBoolean(a != null);
        if (a != null) {
            BinaryStrings.write(out, a.principalId());
            BinaryStrings.write(out, a.userName());
            BinaryStrings.write(out, a.userType());
            BinaryStrings.write(out, a.accessKeyId());
            BinaryStrings.write(out, a.accountId());
        }
    }

    private static SequenceSignal.Actor readActor(DataInputStream in) throws IOException {
        return in.readBoolean() ? new SequenceSignal.Actor(BinaryStrings.read(in), BinaryStrings.read(in),
                BinaryStrings.read(in), BinaryStrings.read(in), BinaryStrings.read(in)) : null;
    }
}
