package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One tenant's log source on the compacted topic {@link Topics#LOG_SOURCES}, keyed by log source ID, as
 * accounts-service (its owner) publishes it after every committed change and at start-up. A deleted source is
 * published once more with status {@link #DELETED} (the reader stops; compaction keeps that last state).
 *
 * <p>Credentials travel only sealed ({@code sealedCredentials}: AES-256-GCM with the operator's stack key, bound to
 * the account and log source ID, see {@code dev.vigil.web.sigv4.StackKeyCipher}), as they are stored; the reader
 * (ingest-service) opens them with the same key.
 *
 * @param logSourceId       32 lower-case hex characters
 * @param accountId         the owning tenant's 12-digit account: every record read from this source is that account's
 * @param region            the tenant's region (of its detector)
 * @param detectorId        the tenant's detector in {@code region}
 * @param name              the tenant's name for the source
 * @param kind              {@code S3_SQS}, {@code S3_POLL} or {@code FIREHOSE}
 * @param logType           {@code FLOW}, {@code DNS}, {@code CLOUDTRAIL} or {@code AUTO} (detected from the content)
 * @param sourceRegion      AWS region of the queue and bucket (the signing region)
 * @param queueUrl          SQS queue URL ({@code S3_SQS}), else {@code null}
 * @param bucket            S3 bucket ({@code S3_POLL}; an optional filter for {@code S3_SQS}), else {@code null}
 * @param prefix            key prefix within {@code bucket}, or {@code null}
 * @param endpoint          endpoint override for S3- and SQS-compatible stores (path-style addressing), or {@code null}
 * @param sealedCredentials Base64 of the sealed credentials JSON, or {@code null} (FIREHOSE)
 * @param firehoseKeyHash   {@code FIREHOSE} only: {@link #firehoseKeyHash(String)} of the access key Vigil issued for
 *                          the source (Firehose sends it as {@code X-Amz-Firehose-Access-Key}); the key itself is
 *                          shown once to the tenant and stored nowhere. {@code null} for the other kinds
 * @param startTime         UTC epoch milliseconds from which to backfill, or {@code null}
 * @param status            {@code ENABLED}, {@code DISABLED} or {@code DELETED}
 * @param version           increases with every change of any source, so a consumer can ignore an older state
 * @param updatedAt         UTC epoch milliseconds of the change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogSourceState(int schemaVersion, String logSourceId, String accountId, String region, String detectorId,
        String name, String kind, String logType, String sourceRegion, String queueUrl, String bucket, String prefix, String endpoint,
        String sealedCredentials, String firehoseKeyHash, Long startTime, String status, long version, long updatedAt) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;
    /** A source the reader reads. */
    public static final String ENABLED = "ENABLED";
    /** A source the reader leaves alone (its settings kept). */
    public static final String DISABLED = "DISABLED";
    /** A deleted source: the reader stops and forgets it. */
    public static final String DELETED = "DELETED";

    /** Whether the reader should read this source. */
    @JsonIgnore
    public boolean enabled() {
        return ENABLED.equals(status);
    }

    /**
     * What {@code sealedCredentials} holds once opened (never on a topic or in a database in clear): either an IAM
     * role to assume ({@code roleArn}, optional {@code externalId}: the pattern SaaS products use to read customer
     * buckets) or static keys ({@code accessKeyId}, {@code secretAccessKey}, optional {@code sessionToken}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Credentials(String roleArn, String externalId, String accessKeyId, String secretAccessKey,
            String sessionToken) {
    }

    /**
     * The hash under which a Firehose access key is stored and published: lower-case hex of SHA-256 over the key's
     * UTF-8 bytes (64 characters). A plain hash suffices because Vigil issues the keys itself with 256 random bits
     * (nothing to guess from the hash); the ingest endpoint hashes the header it receives and compares in constant
     * time.
     */
    public static String firehoseKeyHash(String accessKey) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(accessKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }

    /** The associated data that binds sealed credentials to their source: account and source ID. */
    public static String credentialsPurpose(String accountId, String logSourceId) {
        return "vigil-log-source/" + accountId + "/" + logSourceId;
    }
}
