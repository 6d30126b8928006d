package dev.vigil.detector.rules.window;

import dev.vigil.detector.state.BinarySerde;
import dev.vigil.detector.state.BinaryWriter;
import dev.vigil.detector.state.BinaryReader;
import java.io.IOException;

/**
 * The window store's value serde: {@link WindowAgg} in a compact binary form ({@link BinaryWriter}'s big-endian
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
    protected void write(BinaryWriter out, WindowAgg a) {
        out.writeString(a.rule == null ? null : a.rule.name());
        out.writeString(a.accountId);
        out.writeString(a.region);
        out.writeString(a.detectorId);
        WindowKey k = a.key;
        out.writeBoolean(k != null);
        if (k != null) {
            out.writeString(k.resource());
            out.writeString(k.peer());
            out.writeInt(k.protocol() == null ? NULL : k.protocol());
            out.writeInt(k.port() == null ? NULL : k.port());
            out.writeString(k.service());
            out.writeByte(k.outbound() == null ? NULL : k.outbound() ? 1 : 0);
        }
        out.writeLong(a.count);
        out.writeLong(a.packets);
        out.writeLong(a.bytes);
        out.writeLong(a.first);
        out.writeLong(a.last);
        out.writeString(a.resource);
        out.writeString(a.action);
        out.writeString(a.detail);
        out.writeInt(a.elements.size());
        for (String e : a.elements) {
            out.writeString(e);
        }
        out.writeLong(a.distinct);
        out.writeLong(a.emitted);
    }

    @Override
    protected WindowAgg read(BinaryReader in) throws IOException {
        WindowAgg a = new WindowAgg();
        String rule = in.readString();
        a.rule = rule == null ? null : Rule.valueOf(rule);
        a.accountId = in.readString();
        a.region = in.readString();
        a.detectorId = in.readString();
        if (in.readBoolean()) {
            String resource = in.readString();
            String peer = in.readString();
            int protocol = in.readInt();
            int port = in.readInt();
            String service = in.readString();
            byte outbound = in.readByte();
            a.key = new WindowKey(resource, peer, protocol == NULL ? null : protocol, port == NULL ? null : port,
                    service, outbound == NULL ? null : outbound == 1);
        }
        a.count = in.readLong();
        a.packets = in.readLong();
        a.bytes = in.readLong();
        a.first = in.readLong();
        a.last = in.readLong();
        a.resource = in.readString();
        a.action = in.readString();
        a.detail = in.readString();
        for (int i = in.readInt(); i > 0; i--) {
            a.elements.add(in.readString());
        }
        a.distinct = in.readLong();
        a.emitted = in.readLong();
        return a;
    }
}
