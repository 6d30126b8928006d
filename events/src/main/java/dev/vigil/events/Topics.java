package dev.vigil.events;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of the Vigil contract: names, partition counts, cleanup policies and retention.
 *
 * <p>Log topics are keyed {@code accountId/resourceId} (see {@link Keys}); state topics are keyed by account ID and
 * compacted; candidate and finding-event topics are keyed by finding ID. Every consumed topic has a dead-letter
 * topic {@link #dlq(String)}. The local stack ({@code ./vigil up}) and the Kubernetes {@code KafkaTopic} resources are
 * both derived from {@link #ALL}.
 */
public final class Topics {

    /** VPC Flow Log records ({@link FlowLogRecord}), keyed {@code accountId/interface-id}. */
    public static final String FLOW_LOGS = "vigil.flow-logs.v1";
    /** Route 53 Resolver query log records ({@link DnsLogRecord}), keyed {@code accountId/instance-or-srcaddr}. */
    public static final String DNS_LOGS = "vigil.dns-logs.v1";
    /** CloudTrail management events ({@link CloudTrailRecord}), keyed {@code accountId/principalId}. */
    public static final String CLOUDTRAIL = "vigil.cloudtrail.v1";
    /** Hourly usage of analysed data ({@link UsageRecord}), keyed by account ID. */
    public static final String USAGE = "vigil.usage.v1";
    /** Current state of each account ({@link AccountState}), keyed by account ID, compacted. */
    public static final String ACCOUNTS_STATE = "vigil.accounts.state.v1";
    /** Effective trusted and threat lists of each account ({@link ThreatListState}), keyed by account ID, compacted. */
    public static final String THREAT_LISTS = "vigil.threat-lists.v1";
    /** Last good copy of each operator-configured threat feed ({@link ThreatFeedState}), keyed by feed name, compacted. */
    public static final String THREAT_FEEDS = "vigil.threat-feeds.v1";
    /**
     * Long-lived SigV4 access keys ({@link AccessKeyState}, secret sealed), keyed by access key ID, compacted; read
     * whole by every replica of ingest, findings and accounts.
     */
    public static final String ACCESS_KEYS = "vigil.access-keys.v1";
    /**
     * Tenants' log sources ({@link LogSourceState}, credentials sealed), keyed by log source ID, compacted; read whole
     * by every ingest-service replica (the reader).
     */
    public static final String LOG_SOURCES = "vigil.log-sources.v1";
    /** What the reader read from each log source ({@link LogSourceStatus}), keyed by log source ID, compacted. */
    public static final String LOG_SOURCE_STATUS = "vigil.log-sources.status.v1";
    /** How far each log source's backfill has read ({@link LogSourceCheckpoint}), keyed by log source ID, compacted. */
    public static final String LOG_SOURCE_CHECKPOINTS = "vigil.log-sources.checkpoints.v1";
    /**
     * The S3 objects each log source read to its end ({@link LogSourceRead}), keyed {@code logSourceId bucket/key#version-or-ETag},
     * compacted and deleted after {@link #LOG_SOURCE_READS_RETENTION_MS}; each marker is written in the same Kafka
     * transaction as its object's records, and every ingest-service replica reads the topic back (read_committed) to
     * skip an object already read.
     */
    public static final String LOG_SOURCE_READS = "vigil.log-sources.reads.v1";
    /** How long a read marker is kept (24 h: S3 repeats a notification and SQS redelivers a message within minutes). */
    public static final long LOG_SOURCE_READS_RETENTION_MS = 24L * 60 * 60 * 1000;
    /** Finding candidates from the detector ({@link FindingCandidate}), keyed by finding ID. */
    public static final String FINDINGS_CANDIDATES = "vigil.findings.candidates.v1";
    /** EventBridge-shaped finding events for export ({@link FindingEvent}), keyed by finding ID. */
    public static final String FINDINGS_EVENTS = "vigil.findings.events.v1";

    /** Partitions of the log and candidate topics: the upper bound of detector parallelism. */
    public static final int LOG_PARTITIONS = 6;

    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    /** Largest record on the threat-list topic (bytes): a 250,000-entry list fits. */
    public static final int THREAT_LIST_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private Topics() {
    }

    /** Shape of one topic; {@code retentionMs} of -1 keeps records for ever (compacted state topics). */
    public record TopicSpec(String name, int partitions, String cleanupPolicy, long retentionMs, Map<String, String> configs) {
        /** Whether this topic is compacted (current state per key). */
        public boolean compacted() {
            return cleanupPolicy.contains("compact");
        }
    }

    /** The dead-letter topic of {@code topic}: poison records go there with the error in headers. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    /** Every topic of the contract, dead-letter topics included. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(FLOW_LOGS, LOG_PARTITIONS, "delete", 7 * DAY_MS, Map.of()),
            new TopicSpec(DNS_LOGS, LOG_PARTITIONS, "delete", 7 * DAY_MS, Map.of()),
            new TopicSpec(CLOUDTRAIL, LOG_PARTITIONS, "delete", 7 * DAY_MS, Map.of()),
            new TopicSpec(USAGE, 3, "delete", 35 * DAY_MS, Map.of()),
            new TopicSpec(ACCOUNTS_STATE, 3, "compact", -1, Map.of()),
            new TopicSpec(THREAT_LISTS, 3, "compact", -1,
                    Map.of("max.message.bytes", Integer.toString(THREAT_LIST_MAX_MESSAGE_BYTES))),
            new TopicSpec(THREAT_FEEDS, 1, "compact", -1,
                    Map.of("max.message.bytes", Integer.toString(THREAT_LIST_MAX_MESSAGE_BYTES))),
            new TopicSpec(ACCESS_KEYS, 3, "compact", -1, Map.of()),
            new TopicSpec(LOG_SOURCES, 3, "compact", -1, Map.of()),
            new TopicSpec(LOG_SOURCE_STATUS, 3, "compact", -1, Map.of()),
            new TopicSpec(LOG_SOURCE_CHECKPOINTS, 3, "compact", -1, Map.of()),
            new TopicSpec(LOG_SOURCE_READS, 3, "compact,delete", LOG_SOURCE_READS_RETENTION_MS, Map.of()),
            new TopicSpec(FINDINGS_CANDIDATES, LOG_PARTITIONS, "delete", 7 * DAY_MS, Map.of()),
            new TopicSpec(FINDINGS_EVENTS, 3, "delete", 7 * DAY_MS, Map.of()),
            new TopicSpec(dlq(FLOW_LOGS), 1, "delete", 14 * DAY_MS, Map.of()),
            new TopicSpec(dlq(DNS_LOGS), 1, "delete", 14 * DAY_MS, Map.of()),
            new TopicSpec(dlq(CLOUDTRAIL), 1, "delete", 14 * DAY_MS, Map.of()),
            new TopicSpec(dlq(USAGE), 1, "delete", 14 * DAY_MS, Map.of()),
            new TopicSpec(dlq(ACCOUNTS_STATE), 1, "delete", 14 * DAY_MS, Map.of()),
            new TopicSpec(dlq(THREAT_LISTS), 1, "delete", 14 * DAY_MS, Map.of()),
            new TopicSpec(dlq(LOG_SOURCE_STATUS), 1, "delete", 14 * DAY_MS, Map.of()),
            new TopicSpec(dlq(FINDINGS_CANDIDATES), 1, "delete", 14 * DAY_MS, Map.of()));
}
