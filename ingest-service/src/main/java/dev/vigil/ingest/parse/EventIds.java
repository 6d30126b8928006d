package dev.vigil.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event IDs: a name-based UUID (RFC 4122 version 3, as {@link UUID#nameUUIDFromBytes}) of the
 * account, the data source and the record's bytes as received. Re-ingesting the same file therefore produces the
 * same event IDs, so consumers that ignore a known event ID ignore a re-submitted record; two byte-identical lines
 * are the same event.
 */
public final class EventIds {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    });

    private EventIds() {
    }

    /** The event ID of {@code content[offset, offset+length)} for {@code accountId} and {@code source}. */
    public static String of(String accountId, String source, byte[] content, int offset, int length) {
        MessageDigest md = MD5.get();
        md.reset();
        md.update(accountId.getBytes(StandardCharsets.US_ASCII));
        md.update((byte) 0);
        md.update(source.getBytes(StandardCharsets.US_ASCII));
        md.update((byte) 0);
        md.update(content, offset, length);
        return toUuid(md.digest());
    }

    /** The event ID of a text for {@code accountId} and {@code source}. */
    public static String of(String accountId, String source, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return of(accountId, source, b, 0, b.length);
    }

    private static String toUuid(byte[] md5) {
        md5[6] &= 0x0f;
        md5[6] |= 0x30;
        md5[8] &= 0x3f;
        md5[8] |= (byte) 0x80;
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
        }
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (md5[i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }
}
