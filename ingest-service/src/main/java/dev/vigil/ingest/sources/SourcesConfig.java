package dev.vigil.ingest.sources;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The log source reader ({@code vigil.sources.*}, env {@code VIGIL_SOURCES_*}). */
@ConfigMapping(prefix = "vigil.sources")
public interface SourcesConfig {

    /** Whether this replica reads log sources at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Receives of one message before it is given up and counted as dead-lettered (SQS's
     * {@code ApproximateReceiveCount}; the same idea as a redrive policy's {@code maxReceiveCount}).
     */
    @WithDefault("5")
    int maxAttempts();

    /** Visibility timeout asked for on receive; extended by this much every half of it while a message is worked on. */
    @WithDefault("PT60S")
    Duration visibilityTimeout();

    /** SQS long-polling wait per receive (at most 20 s, SQS's limit). */
    @WithDefault("PT10S")
    Duration waitTime();

    /** The largest object read, in bytes after decompression (held in memory while it is parsed). */
    @WithDefault("268435456")
    long maxObjectBytes();

    /** How often each source's status is published when it changed. */
    @WithDefault("PT5S")
    Duration reportInterval();

    /** How often the running readers are matched against the sources on {@code vigil.log-sources.v1}. */
    @WithDefault("PT2S")
    Duration reconcileInterval();

    /**
     * Whether {@link LogSourceDirectory} waits until it has read {@code vigil.log-sources.v1} to its end as of start-up
     * before it answers for a source (Firehose deliveries meanwhile get 503, which Firehose retries). Off only in
     * module tests, whose channel is in memory.
     */
    @WithDefault("true")
    boolean catchUp();

    /** How often an {@code S3_POLL} source's bucket is listed again once its backfill reached the present. */
    @WithDefault("PT1M")
    Duration pollInterval();

    /**
     * How far before the last object read a backfill lists again for objects that appeared late under a day already
     * listed: AWS delivers flow logs and CloudTrail to S3 minutes after their time, and not always in the order of the
     * times in their names (flow logs: aggregated over 1 or 10 minutes and published every 5 or 10 minutes; CloudTrail:
     * about every 5 minutes). The keys read within it are kept in the checkpoint.
     */
    @WithDefault("PT2H")
    Duration relistWindow();

    /**
     * Whether a source's bucket is listed only by the replica that owns it ({@link SourceOwnership}); off, every
     * replica owns every source (module tests, which have no broker).
     */
    @WithDefault("true")
    boolean exclusiveBackfill();

    /** The consumer group that shares the sources out among replicas (inside the service's group prefix in the ACLs). */
    @WithDefault("ingest-service-source-owners")
    String ownerGroup();

    /** How far before its last change an {@code S3_POLL} source without a start time begins reading. */
    @WithDefault("P1D")
    Duration pollLookback();

    /**
     * Whether each S3 object's records, usage and read marker are published in one Kafka transaction
     * ({@link ObjectTransactions}); off only in module tests, whose channels are in memory.
     */
    @WithDefault("true")
    boolean transactional();

    /**
     * The prefix of this replica's transactional IDs (slot {@code i}: prefix + {@code "-" + i}): stable across the
     * replica's restarts and unique among replicas (host name and HTTP port), inside the service's
     * {@code transactionalId} ACL prefix {@code ingest-service}.
     */
    @WithDefault("ingest-service-reader-local")
    String transactionalId();

    /** Transactional producers of this replica: the most objects published at once. */
    @WithDefault("4")
    int transactionSlots();

    /**
     * {@code transaction.timeout.ms}: the broker aborts a transaction left open this long (a replica that died and did
     * not come back); longer than reading the largest object takes.
     */
    @WithDefault("PT2M")
    Duration transactionTimeout();
}
