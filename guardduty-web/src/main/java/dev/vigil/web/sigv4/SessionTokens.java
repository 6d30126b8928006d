package dev.vigil.web.sigv4;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.events.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Temporary credentials that need no lookup: the session token is the credentials' {@link Session} sealed with the
 * stack key (AES-256-GCM, 96-bit random IV, 128-bit tag, associated data {@value #AAD}), so every service holding
 * the key verifies a SigV4 request by opening the token, and nobody without the key can read or forge one. Token:
 * Base64 of {@code version(1) || iv(12) || ciphertext+tag}. The access key ID is {@code ASIA} + 16 base-32
 * characters and the secret 40 Base64 characters, as AWS's temporary credentials look.
 */
public final class SessionTokens {

    private static final String AAD = "vigil-sts-session-v1";
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /**
     * What a session token holds.
     *
     * @param accessKeyId     the temporary access key ID it belongs to
     * @param secretAccessKey the secret SigV4 requests are signed with
     * @param principal       the Keycloak principal's name
     * @param subject         the Keycloak subject ({@code sub}), for GetCallerIdentity's UserId
     * @param accountId       the principal's 12-digit account
     * @param roles           the principal's realm roles
     * @param roleArn         the role ARN the credentials were requested for (AssumeRoleWithWebIdentity's RoleArn)
     * @param sessionName     the role session name (its RoleSessionName)
     * @param expiresAt       when the credentials stop working, UTC epoch seconds
     */
    public record Session(@JsonProperty("ak") String accessKeyId, @JsonProperty("sk") String secretAccessKey,
            @JsonProperty("p") String principal, @JsonProperty("sub") String subject,
            @JsonProperty("acct") String accountId, @JsonProperty("roles") List<String> roles,
            @JsonProperty("role") String roleArn, @JsonProperty("sn") String sessionName,
            @JsonProperty("exp") long expiresAt) {

        /** A session that expires at {@code expiration} (whole seconds). */
        public Session(String accessKeyId, String secretAccessKey, String principal, String subject, String accountId,
                List<String> roles, String roleArn, String sessionName, Instant expiration) {
            this(accessKeyId, secretAccessKey, principal, subject, accountId, roles, roleArn, sessionName,
                    expiration.getEpochSecond());
        }

        /** This session without its secret (what an authenticated request carries along). */
        public Session withoutSecret() {
            return new Session(accessKeyId, null, principal, subject, accountId, roles, roleArn, sessionName, expiresAt);
        }

        /** When the credentials stop working. */
        public Instant expiration() {
            return Instant.ofEpochSecond(expiresAt);
        }

        @Override
        public String toString() {
            return "Session[" + accessKeyId + ", " + principal + ", " + accountId + ", until " + expiration() + "]";
        }
    }

    private final SecretKeySpec key;

    /** Tokens sealed with {@code key} (32 bytes). */
    public SessionTokens(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the stack key must be 32 bytes (256 bits), Base64-encoded");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Tokens sealed with a Base64 key.
     *
     * @throws IllegalArgumentException if it is not Base64 of 32 bytes
     */
    public static SessionTokens fromBase64(String key) {
        return new SessionTokens(Base64.getDecoder().decode(key.trim()));
    }

    /** A new temporary access key ID ({@code ASIA} + 16 base-32 characters). */
    public static String newAccessKeyId() {
        StringBuilder b = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            b.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return b.toString();
    }

    /** A new 40-character secret access key. */
    public static String newSecret() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The token of {@code session}. */
    public String seal(Session session) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(AAD.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(Json.write(session).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * The session sealed in {@code token}.
     *
     * @throws SigV4Exception {@link SigV4Error#UNRECOGNIZED_KEY} if it is not a token this key sealed
     */
    public Session open(String token) {
        try {
            byte[] raw = Base64.getDecoder().decode(token);
            if (raw.length < 1 + IV_BYTES + 16 || raw[0] != VERSION) {
                throw unrecognized();
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 1, IV_BYTES));
            c.updateAAD(AAD.getBytes(StandardCharsets.US_ASCII));
            byte[] plain = c.doFinal(raw, 1 + IV_BYTES, raw.length - 1 - IV_BYTES);
            return Json.read(new String(plain, StandardCharsets.UTF_8), Session.class);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw unrecognized();
        }
    }

    static SigV4Exception unrecognized() {
        return new SigV4Exception(SigV4Error.UNRECOGNIZED_KEY, "The security token included in the request is invalid.");
    }
}
