package dev.vigil.ingest.body;

import dev.vigil.web.GuardDutyException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body, gunzipping it when {@code Content-Encoding: gzip}, {@code Content-Type: application/gzip}
 * (or {@code application/x-gzip}) or the gzip magic bytes say so (S3 objects {@code *.log.gz}, {@code *.json.gz}).
 * At most {@code maxBytes} are read after decompression, so a decompression bomb stops at the limit: one more byte
 * answers 413.
 */
public final class BodyReader {

    private BodyReader() {
    }

    /**
     * The decompressed body.
     *
     * @throws GuardDutyException 413 when larger than {@code maxBytes}; 400 for an unsupported encoding or broken gzip
     */
    public static byte[] read(InputStream in, String contentEncoding, String contentType, long maxBytes) {
        String enc = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!enc.isEmpty() && !enc.equals("identity") && !enc.equals("gzip") && !enc.equals("x-gzip")) {
            throw GuardDutyException.badRequest("unsupported Content-Encoding '" + contentEncoding + "': send gzip or none");
        }
        try {
            BufferedInputStream buffered = new BufferedInputStream(in == null ? InputStream.nullInputStream() : in);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            boolean magic = b0 == 0x1f && b1 == 0x8b;
            boolean gzip = enc.endsWith("gzip") || type.startsWith("application/gzip")
                    || type.startsWith("application/x-gzip") || magic;
            if (gzip && !magic && b0 >= 0) {
                throw GuardDutyException.badRequest("the body is declared gzip but is not gzip data");
            }
            InputStream src = gzip && b0 >= 0 ? new GZIPInputStream(buffered, 65536) : buffered;
            return readLimited(src, maxBytes);
        } catch (ZipException | java.io.EOFException e) {
            throw GuardDutyException.badRequest("the body is not valid gzip data");
        } catch (IOException e) {
            throw GuardDutyException.badRequest("the body could not be read");
        }
    }

    private static byte[] readLimited(InputStream in, long maxBytes) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxBytes + 1 + 65536));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (n > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    private static GuardDutyException tooLarge(long maxBytes) {
        return GuardDutyException.payloadTooLarge("the body is larger than " + maxBytes + " bytes after decompression; split it into smaller requests");
    }
}
