package dev.vigil.web.sigv4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealing with the operator's stack key ({@code vigil.sigv4.stack-key}, env {@code VIGIL_SIGV4_STACK_KEY}): AES-256-GCM,
 * 96-bit random IV, 128-bit tag, and associated data that binds a sealed value to its use (e.g. the access key ID a
 * secret belongs to), so a sealed value moved to another use does not open. Output: Base64 of
 * {@code version(1) || iv(12) || ciphertext+tag}. Shared by session tokens ({@link SessionTokens}) and the secrets of
 * long-lived access keys ({@code dev.vigil.web.accesskeys}).
 */
public final class StackKeyCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /**
     * A cipher with {@code key}.
     *
     * @throws IllegalArgumentException unless it is 32 bytes
     */
    public StackKeyCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the stack key must be 32 bytes (256 bits), Base64-encoded");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A cipher with a Base64 key.
     *
     * @throws IllegalArgumentException if it is not Base64 of 32 bytes
     */
    public static StackKeyCipher fromBase64(String key) {
        return new StackKeyCipher(Base64.getDecoder().decode(key.trim()));
    }

    /** {@code plain} sealed for {@code purpose} (the associated data). */
    public String seal(byte[] plain, String purpose) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * What {@code sealed} holds, if this key sealed it for {@code purpose}.
     *
     * @throws IllegalArgumentException if it is not Base64, not this format, sealed with another key, for another
     *         purpose, or altered
     */
    public byte[] open(String sealed, String purpose) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not Base64");
        }
        if (raw.length < 1 + IV_BYTES + TAG_BITS / 8 || raw[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed value");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 1, IV_BYTES));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(raw, 1 + IV_BYTES, raw.length - 1 - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("not sealed with this key for this purpose");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }
}
