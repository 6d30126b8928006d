package dev.vigil.accounts.sources;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A tenant's log source (table {@code log_source}): where and how Vigil reads the tenant's logs. The credentials are
 * stored only sealed ({@code sealedCredentials}, see {@link SourceCredentials}); {@code roleArn} and
 * {@code accessKeyId} name them in clear.
 */
@Entity
@Table(name = "log_source")
public class LogSourceEntity {
    @Id
    @Column(name = "log_source_id")
    public String logSourceId;
    @Column(name = "account_id")
    public String accountId;
    public String region;
    @Column(name = "detector_id")
    public String detectorId;
    public String name;
    public String kind;
    @Column(name = "log_type")
    public String logType;
    @Column(name = "source_region")
    public String sourceRegion;
    @Column(name = "queue_url")
    public String queueUrl;
    public String bucket;
    public String prefix;
    public String endpoint;
    @Column(name = "role_arn")
    public String roleArn;
    @Column(name = "access_key_id")
    public String accessKeyId;
    @Column(name = "sealed_credentials")
    public String sealedCredentials;
    /** FIREHOSE only: SHA-256 hex of the issued access key ({@code LogSourceState.firehoseKeyHash}); the key is not kept. */
    @Column(name = "firehose_key_hash")
    public String firehoseKeyHash;
    @Column(name = "start_time")
    public Instant startTime;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
