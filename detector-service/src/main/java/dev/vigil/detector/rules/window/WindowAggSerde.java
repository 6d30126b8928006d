package dev.vigil.detector.rules.window;

import dev.vigil.detector.state.BinaryStrings;
import dev.vigil.events.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The window store's value serde: {@link WindowAgg} in a compact binary form ({@link DataOutputStream}'s big-endian
 * numbers, strings as a length and UTF-8 bytes, -1 for {@code null}), written once per observation to RocksDB and
 * the changelog (issue 26: as JSON, writing it was about 3 % of the stream thread's CPU, and every window repeated
 * its member names). It reads that form and the JSON windows written before it (a changelog or a local store of an
 * older detector); the first byte tells them apart: {@value #VERSION} here, {@code '{'} for JSON. Bytes that are
 * neither throw {@link SerializationException}.
 *
 * <p>Layout after the version byte: rule name, accountId, region, detectorId, key (resource, peer, protocol, port,
 * service, outbound: a byte -1 for {@code null}, 0 or 1), count, packets, bytes, first, last, resource, action, detail,
 * the number of elements and each element, distinct, emitted.
 */
public final class WindowAggSerde implements Serde<WindowAgg>, Serializer<WindowAgg>, Deserializer<WindowAgg> {

    /** The first byte of the binary form. */
    static final byte VERSION = 1;
    private static final int NULL = -1;

    @Override
    public byte[] serialize(String topic, WindowAgg a) {
        if (a == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + 16 * a.elements.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    @Override
    public WindowAgg deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            return json(topic, data);
        }
        if (data.length == 0 || data[0] != VERSION) {
            throw new SerializationException("not a window on " + topic + ": first byte "
                    + (data.length == 0 ? "missing" : Integer.toString(data[0])));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
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
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("not a valid window on " + topic + ": " + e.getMessage(), e);
        }
    }

    private static WindowAgg json(String topic, byte[] data) {
        try {
            return Json.MAPPER.readValue(data, WindowAgg.class);
        } catch (IOException e) {
            throw new SerializationException("not a valid JSON window on " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the form is fixed
    }

    @Override
    public void close() {
        // stateless: nothing to release
    }

    @Override
    public Serializer<WindowAgg> serializer() {
        return this;
    }

    @Override
    public Deserializer<WindowAgg> deserializer() {
        return this;
    }
}
