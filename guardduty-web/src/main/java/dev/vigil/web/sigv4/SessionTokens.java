package dev.vigil.web.sigv4;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.events.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Temporary credentials that need no lookup: the session token is the credentials' {@link Session} sealed with the
 * stack key ({@link StackKeyCipher}, associated data {@value #AAD}), so every service holding the key verifies a
 * SigV4 request by opening the token, and nobody without the key can read or forge one. The access key ID is
 * {@code ASIA} + 16 base-32 characters and the secret 40 Base64 characters, as AWS's temporary credentials look.
 */
public final class SessionTokens {

    private static final String AAD = "vigil-sts-session-v1";
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

    private final StackKeyCipher cipher;

    /** Tokens sealed with {@code key} (32 bytes). */
    public SessionTokens(byte[] key) {
        this.cipher = new StackKeyCipher(key);
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
        return newKeyId("ASIA");
    }

    /** A new access key ID: {@code prefix} ({@code ASIA} temporary, {@code AKIA} long-lived) + 16 base-32 characters. */
    public static String newKeyId(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
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
        return cipher.seal(Json.write(session).getBytes(StandardCharsets.UTF_8), AAD);
    }

    /**
     * The session sealed in {@code token}.
     *
     * @throws SigV4Exception {@link SigV4Error#UNRECOGNIZED_KEY} if it is not a token this key sealed
     */
    public Session open(String token) {
        try {
            return Json.read(new String(cipher.open(token, AAD), StandardCharsets.UTF_8), Session.class);
        } catch (IllegalArgumentException e) {
            throw unrecognized();
        }
    }

    static SigV4Exception unrecognized() {
        return new SigV4Exception(SigV4Error.UNRECOGNIZED_KEY, "The security token included in the request is invalid.");
    }
}
