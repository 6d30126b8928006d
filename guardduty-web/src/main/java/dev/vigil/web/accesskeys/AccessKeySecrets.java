package dev.vigil.web.accesskeys;

import dev.vigil.web.sigv4.SessionTokens;
import dev.vigil.web.sigv4.StackKeyCipher;
import java.nio.charset.StandardCharsets;

/**
 * The secrets of long-lived access keys, sealed with the operator's stack key ({@link StackKeyCipher}) and bound to
 * their access key ID (associated data {@value #PURPOSE} + ID), as accounts-service stores them and the topic
 * {@code vigil.access-keys.v1} carries them. Sealed, not hashed: SigV4 verification derives its signing key from the
 * secret itself (HMAC chain over date, region, service), so a hash could not verify a signature; a database dump or
 * a copy of the topic gives no usable secret without the stack key (a Kubernetes Secret, or {@code ./vigil}'s own).
 */
public final class AccessKeySecrets {

    /** Associated-data prefix: a sealed secret opens only for the access key ID it was sealed for. */
    static final String PURPOSE = "vigil-access-key-v1:";
    /** Prefix of a long-lived access key ID, as IAM's. */
    public static final String PREFIX = "AKIA";

    private final StackKeyCipher cipher;

    /** Secrets sealed with {@code cipher}. */
    public AccessKeySecrets(StackKeyCipher cipher) {
        this.cipher = cipher;
    }

    /** A new long-lived access key ID: {@code AKIA} + 16 base-32 characters (20 in all, as IAM's). */
    public static String newAccessKeyId() {
        return SessionTokens.newKeyId(PREFIX);
    }

    /** A new 40-character secret access key. */
    public static String newSecret() {
        return SessionTokens.newSecret();
    }

    /** {@code secret} sealed for {@code accessKeyId}. */
    public String seal(String accessKeyId, String secret) {
        return cipher.seal(secret.getBytes(StandardCharsets.UTF_8), PURPOSE + accessKeyId);
    }

    /**
     * The secret sealed for {@code accessKeyId}.
     *
     * @throws IllegalArgumentException if {@code sealed} was not sealed with this stack key for this access key
     */
    public String open(String accessKeyId, String sealed) {
        return new String(cipher.open(sealed, PURPOSE + accessKeyId), StandardCharsets.UTF_8);
    }
}
