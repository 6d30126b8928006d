package dev.vigil.detector.state;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads what a {@link BinaryWriter} wrote, from a byte array; each read past the end throws {@link EOFException}. */
public final class BinaryReader {

    private final byte[] buf;
    private final int end;
    private int pos;

    /** A reader of {@code buf} from {@code offset} to its end. */
    public BinaryReader(byte[] buf, int offset) {
        this.buf = buf;
        this.pos = offset;
        this.end = buf.length;
    }

    private void need(int n) throws EOFException {
        if (n > end - pos) {
            throw new EOFException(n + " bytes needed at byte " + pos + " of " + end);
        }
    }

    /** Bytes not read yet. */
    public int remaining() {
        return end - pos;
    }

    /** One byte, sign-extended. */
    public byte readByte() throws IOException {
        need(1);
        return buf[pos++];
    }

    /** One byte: whether it is not 0. */
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    /** Four bytes, big-endian. */
    public int readInt() throws IOException {
        need(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    /** Eight bytes, big-endian. */
    public long readLong() throws IOException {
        return (long) readInt() << 32 | readInt() & 0xFFFFFFFFL;
    }

    /** A double written by {@link BinaryWriter#writeDouble}. */
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /**
     * A string written by {@link BinaryWriter#writeString}; {@code null} for -1.
     *
     * @throws IOException when the length is negative (other than -1) or more than the bytes that remain
     */
    public String readString() throws IOException {
        int n = readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > remaining()) {
            throw new IOException("string of " + n + " bytes where " + remaining() + " remain");
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }
}
