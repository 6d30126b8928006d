package dev.vigil.detector.rules.window;

import dev.vigil.detector.state.BinarySerde;
import dev.vigil.detector.state.BinaryStrings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The window store's value serde: {@link WindowAgg} in a compact binary form ({@link DataOutputStream}'s big-endian
 * numbers, strings as a length and UTF-8 bytes, -1 for {@code null}), written once per observation to RocksDB and
 * the changelog (issue 26: as JSON, writing it was about 3 % of the stream thread's CPU, and every window repeated
 * its member names). It also reads the JSON windows written before it ({@link BinarySerde}).
 *
 * <p>Layout after the version byte: rule name, accountId, region, detectorId, key (resource, peer, protocol, port,
 * service, outbound: a byte -1 for {@code null}, 0 or 1), count, packets, bytes, first, last, resource, action, detail,
 * the number of elements and each element, distinct, emitted.
 */
public final class WindowAggSerde extends BinarySerde<WindowAgg> {

    /** The first byte of the binary form. */
    static final byte VERSION = 1;
    private static final int NULL = -1;

    /** The serde. */
    public WindowAggSerde() {
        super(VERSION, WindowAgg.class, "window");
    }

    @Override
    protected int sizeHint(WindowAgg a) {
        return 128 + 16 * a.elements.size();
    }

    @Override
    protected void write(DataOutputStream out, WindowAgg a) throws IOException {
        BinaryStrings.write(out, a.rule == null ? null : a.rule.name());
        BinaryStrings.write(out, a.accountId);
        BinaryStrings.write(out, a.region);
        BinaryStrings.write(out, a.detectorId);
        WindowKey k = a.key;
        out.writeBoolean(k != null);
        if (k != null) {
            BinaryStrings.write(out, k.resource());
            BinaryStrings.write(out, k.peer());
            out.writeInt(k.protocol() == null ? NULL : k.protocol());
            out.writeInt(k.port() == null ? NULL : k.port());
            BinaryStrings.write(out, k.service());
            out.writeByte(k.outbound() == null ? NULL : k.outbound() ? 1 : 0);
        }
        out.writeLong(a.count);
        out.writeLong(a.packets);
        out.writeLong(a.bytes);
        out.writeLong(a.first);
        out.writeLong(a.last);
        BinaryStrings.write(out, a.resource);
        BinaryStrings.write(out, a.action);
        BinaryStrings.write(out, a.detail);
        out.writeInt(a.elements.size());
        for (String e : a.elements) {
            BinaryStrings.write(out, e);
        }
        out.writeLong(a.distinct);
        out.writeLong(a.emitted);
    }

    @Override
    protected WindowAgg read(DataInputStream in) throws IOException {
        WindowAgg a = new WindowAgg();
        String rule = BinaryStrings.read(in);
        a.rule = rule == null ? null : Rule.valueOf(rule);
        a.accountId = BinaryStrings.read(in);
        a.region = BinaryStrings.read(in);
        a.detectorId = BinaryStrings.read(in);
        if (in.readBoolean()) {
            String resource = BinaryStrings.read(in);
            String peer = BinaryStrings.read(in);
            int protocol = in.readInt();
            int port = in.readInt();
            String service = BinaryStrings.read(in);
            byte outbound = in.readByte();
            a.key = new WindowKey(resource, peer, protocol == NULL ? null : protocol, port == NULL ? null : port,
                    service, outbound == NULL ? null : outbound == 1);
        }
        a.count = in.readLong();
        a.packets = in.readLong();
        a.bytes = in.readLong();
        a.first = in.readLong();
        a.last = in.readLong();
        a.resource = BinaryStrings.read(in);
        a.action = BinaryStrings.read(in);
        a.detail = BinaryStrings.read(in);
        for (int i = in.readInt(); i > 0; i--) {
            a.elements.add(BinaryStrings.read(in));
        }
        a.distinct = in.readLong();
        a.emitted = in.readLong();
        return a;
    }
}
