package dev.vigil.detector.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a binary store value ({@link BinarySerde}) into a growing byte array: big-endian numbers as
 * {@code DataOutputStream} writes them, strings as a big-endian int length ({@code -1} for {@code null}) and that many
 * UTF-8 bytes. A final class with plain array stores, because {@code DataOutputStream} hands every byte of an
 * {@code int} to its stream's {@code write(int)}, a call the JIT cannot inline where several stream types pass (Kafka's
 * LZ4 blocks, byte-array and byte-buffer streams), behind a lock (issue 26, eleventh pass: the profiles' serde was 6.5 %
 * of the stream threads' CPU that way).
 */
public final class BinaryWriter {

    private byte[] buf;
    private int size;

    /** A writer with room for {@code capacity} bytes (it doubles when short). */
    public BinaryWriter(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /** One byte, the low 8 bits of {@code v}. */
    public void writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    /** One byte: 1 for {@code true}, 0 for {@code false}. */
    public void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    /** Four bytes, big-endian. */
    public void writeInt(int v) {
        ensure(4);
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
    }

    /** Eight bytes, big-endian. */
    public void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** {@code v}'s IEEE 754 bits ({@link Double#doubleToLongBits}) as a long. */
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    /** {@code s} (may be {@code null}): its UTF-8 length as an int, -1 for {@code null}, then its UTF-8 bytes. */
    public void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    /** The bytes written, a copy of exactly their length. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
