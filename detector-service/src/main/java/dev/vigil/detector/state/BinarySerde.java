package dev.vigil.detector.state;

import dev.vigil.events.Json;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A store value serde with a compact binary form behind a version byte, which also reads the JSON its store held
 * before (a changelog or a local store of an older detector): the first byte tells them apart, {@link #version} for
 * the binary form, {@code '{'} for JSON. Bytes that are neither throw {@link SerializationException} naming the topic.
 * Subclasses write and read the fields after the version byte with a {@link BinaryWriter} and a {@link BinaryReader}
 * (the bytes {@code DataOutputStream} would write, without its per-byte virtual calls and locks: issue 26, eleventh
 * pass).
 *
 * @param <T> the value type
 */
public abstract class BinarySerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final byte version;
    private final Class<T> type;
    private final String what;

    /**
     * @param version the first byte of the binary form (never {@code '{'})
     * @param type    the value type, also read from JSON
     * @param what    the value's name in error messages ("profile", "window")
     */
    protected BinarySerde(byte version, Class<T> type, String what) {
        this.version = version;
        this.type = type;
        this.what = what;
    }

    /** Writes {@code value}'s fields after the version byte. */
    protected abstract void write(BinaryWriter out, T value);

    /**
     * Reads the fields {@link #write} wrote.
     *
     * @throws IOException when the bytes end early or a length or count is out of range
     */
    protected abstract T read(BinaryReader in) throws IOException;

    /**
     * Reads a count written with {@code writeInt}.
     *
     * @throws IOException when it is negative or more than the bytes that remain (each counted item takes one at least)
     */
    protected static int count(BinaryReader in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.remaining()) {
            throw new IOException("count " + n + " where " + in.remaining() + " bytes remain");
        }
        return n;
    }

    /** Bytes to reserve for {@code value} before writing it (it grows when short). */
    protected int sizeHint(T value) {
        return 256;
    }

    @Override
    public final byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        BinaryWriter out = new BinaryWriter(sizeHint(value));
        out.writeByte(version);
        write(out, value);
        return out.toByteArray();
    }

    @Override
    public final T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            try {
                return Json.MAPPER.readValue(data, type);
            } catch (IOException e) {
                throw new SerializationException("not a valid JSON " + what + " on " + topic + ": " + e.getMessage(),
                        e);
            }
        }
        if (data.length == 0 || data[0] != version) {
            throw new SerializationException("not a " + what + " on " + topic + ": first byte "
                    + (data.length == 0 ? "missing" : Integer.toString(data[0])));
        }
        try {
            return read(new BinaryReader(data, 1));
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("not a valid " + what + " on " + topic + ": " + e.getMessage(), e);
        }
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
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
