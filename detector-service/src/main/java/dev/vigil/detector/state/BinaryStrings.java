package dev.vigil.detector.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strings in the binary store values ({@code rules.window.WindowAggSerde}, {@code behavior.ProfileSerde}): a
 * big-endian int length, -1 for {@code null}, then that many UTF-8 bytes.
 */
public final class BinaryStrings {

    private static final int NULL = -1;

    private BinaryStrings() {
    }

    /** Writes {@code s} (may be {@code null}). */
    public static void write(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(NULL);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Reads a string written by {@link #write}; {@code null} for -1.
     *
     * @throws IOException when the length is negative (other than -1) or more than the bytes that remain
     */
    public static String read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == NULL) {
            return null;
        }
        if (n < 0 || n > in.available()) {
            throw new IOException("string of " + n + " bytes where " + in.available() + " remain");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
