package dev.vigil.detector.behavior;

import dev.vigil.detector.state.BinaryStrings;
import dev.vigil.events.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The profile stores' value serde: {@link Profile} in a compact binary form, written for every profile a commit
 * changed (issue 26, tenth pass: once profiles reached their changelog at every commit, Jackson's bean and map
 * serialisers were 9.8 % of the stream threads' CPU in the drain benchmark). It reads that form and the JSON profiles
 * written before it (a changelog or a local store of an older detector); the first byte tells them apart:
 * {@value #VERSION} here, {@code '{'} for JSON. Bytes that are neither throw {@link SerializationException}.
 *
 * <p>Layout after the version byte ({@link DataOutputStream}'s big-endian numbers, strings as in
 * {@link BinaryStrings}): startedMs, lastMs; the number of features, then each feature's name, the number of its values
 * and each value (in the order seen); the number of statistics, then each metric's name, n, mean and m2; the number of
 * counters, then each counter's name and value.
 */
public final class ProfileSerde implements Serde<Profile>, Serializer<Profile>, Deserializer<Profile> {

    /** The first byte of the binary form. */
    static final byte VERSION = 1;

    @Override
    public byte[] serialize(String topic, Profile p) {
        if (p == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(p.startedMs);
            out.writeLong(p.lastMs);
            out.writeInt(p.seen.size());
            for (Map.Entry<String, LinkedHashSet<String>> f : p.seen.entrySet()) {
                BinaryStrings.write(out, f.getKey());
                out.writeInt(f.getValue().size());
                for (String v : f.getValue()) {
                    BinaryStrings.write(out, v);
                }
            }
            out.writeInt(p.stats.size());
            for (Map.Entry<String, Welford> s : p.stats.entrySet()) {
                BinaryStrings.write(out, s.getKey());
                out.writeLong(s.getValue().n);
                out.writeDouble(s.getValue().mean);
                out.writeDouble(s.getValue().m2);
            }
            out.writeInt(p.counters.size());
            for (Map.Entry<String, Long> c : p.counters.entrySet()) {
                BinaryStrings.write(out, c.getKey());
                out.writeLong(c.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    @Override
    public Profile deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            try {
                return Json.MAPPER.readValue(data, Profile.class);
            } catch (IOException e) {
                throw new SerializationException("not a valid JSON profile on " + topic + ": " + e.getMessage(), e);
            }
        }
        if (data.length == 0 || data[0] != VERSION) {
            throw new SerializationException("not a profile on " + topic + ": first byte "
                    + (data.length == 0 ? "missing" : Integer.toString(data[0])));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
            Profile p = new Profile();
            p.startedMs = in.readLong();
            p.lastMs = in.readLong();
            for (int f = count(in); f > 0; f--) {
                String feature = name(in);
                LinkedHashSet<String> values = new LinkedHashSet<>();
                for (int v = count(in); v > 0; v--) {
                    values.add(BinaryStrings.read(in));
                }
                p.seen.put(feature, values);
            }
            for (int s = count(in); s > 0; s--) {
                String metric = name(in);
                Welford w = new Welford();
                w.n = in.readLong();
                w.mean = in.readDouble();
                w.m2 = in.readDouble();
                p.stats.put(metric, w);
            }
            for (int c = count(in); c > 0; c--) {
                String counter = name(in);
                p.counters.put(counter, in.readLong());
            }
            return p;
        } catch (IOException e) {
            throw new SerializationException("not a valid profile on " + topic + ": " + e.getMessage(), e);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("count " + n + " where " + in.available() + " bytes remain");
        }
        return n;
    }

    private static String name(DataInputStream in) throws IOException {
        String s = BinaryStrings.read(in);
        if (s == null) {
            throw new IOException("a name is missing");
        }
        return s;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the form is fixed
    }

    @Override
    public void close() {
        // stateless: nothing to release
    }

    @Override
    public Serializer<Profile> serializer() {
        return this;
    }

    @Override
    public Deserializer<Profile> deserializer() {
        return this;
    }
}
