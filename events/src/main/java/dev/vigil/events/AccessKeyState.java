package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One long-lived SigV4 access key on the compacted topic {@link Topics#ACCESS_KEYS}, keyed by access key ID, as
 * accounts-service (its owner) publishes it after every change; a {@code null} value (tombstone) means the key was
 * deleted. Every replica of every service with the HTTP edge reads the whole topic, so a deactivation or deletion
 * is refused everywhere within one poll of the topic.
 *
 * <p>The secret travels only sealed ({@code sealedSecret}: AES-256-GCM with the operator's stack key, bound to the
 * access key ID), as it is stored: SigV4 needs the secret itself to verify a signature, so it cannot be hashed, and
 * neither the topic nor a database dump gives it to anyone without the stack key.
 *
 * @param accessKeyId  {@code AKIA} + 16 base-32 characters, as IAM's
 * @param status       IAM's {@code statusType}: {@code Active} or {@code Inactive}
 * @param userName     the Keycloak principal's name the key belongs to (IAM's {@code UserName})
 * @param subject      the principal's Keycloak subject ({@code sub}), or {@code null}
 * @param accountId    the principal's 12-digit account
 * @param roles        the principal's realm roles when the key was created
 * @param sealedSecret Base64 of the sealed secret access key
 * @param createdAt    UTC epoch milliseconds (IAM's {@code CreateDate})
 * @param version      increases with every change of this key, so a consumer can ignore an older state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessKeyState(int schemaVersion, String accessKeyId, String status, String userName, String subject,
        String accountId, List<String> roles, String sealedSecret, long createdAt, long version) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;
    /** IAM's status of a key that signs requests. */
    public static final String ACTIVE = "Active";
    /** IAM's status of a deactivated key. */
    public static final String INACTIVE = "Inactive";

    /** Whether requests signed with this key are accepted. */
    @JsonIgnore
    public boolean active() {
        return ACTIVE.equals(status);
    }
}
