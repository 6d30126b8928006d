package dev.vigil.accounts.iam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A long-lived access key of a principal ({@code userName} in {@code accountId}): IAM's AccessKey, its secret sealed
 * with the stack key ({@code sealedSecret}, see {@code dev.vigil.web.accesskeys.AccessKeySecrets}), the principal's
 * realm roles when it was created ({@code roles}, comma-separated) and the version of its last change.
 */
@Entity
@Table(name = "access_key")
public class AccessKeyEntity {
    @Id
    @Column(name = "access_key_id")
    public String accessKeyId;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "user_name")
    public String userName;
    public String subject;
    public String roles;
    @Column(name = "sealed_secret")
    public String sealedSecret;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    public long version;
}
