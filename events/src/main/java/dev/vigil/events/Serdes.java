package dev.vigil.events;

/**
 * Ready-made serdes for each value type of the contract, also usable as no-argument classes in Kafka
 * configuration ({@code value.serializer=dev.vigil.events.Serdes$FlowLog}).
 */
public final class Serdes {

    private Serdes() {
    }

    /** Serde for {@link FlowLogRecord}. */
    public static final class FlowLog extends JsonSerde<FlowLogRecord> {
        /** Creates the serde. */
        public FlowLog() {
            super(FlowLogRecord.class);
        }
    }

    /** Serde for {@link DnsLogRecord}. */
    public static final class DnsLog extends JsonSerde<DnsLogRecord> {
        /** Creates the serde. */
        public DnsLog() {
            super(DnsLogRecord.class);
        }
    }

    /** Serde for {@link CloudTrailRecord}. */
    public static final class CloudTrail extends JsonSerde<CloudTrailRecord> {
        /** Creates the serde. */
        public CloudTrail() {
            super(CloudTrailRecord.class);
        }
    }

    /** Serde for {@link UsageRecord}. */
    public static final class Usage extends JsonSerde<UsageRecord> {
        /** Creates the serde. */
        public Usage() {
            super(UsageRecord.class);
        }
    }

    /** Serde for {@link AccountState}. */
    public static final class Account extends JsonSerde<AccountState> {
        /** Creates the serde. */
        public Account() {
            super(AccountState.class);
        }
    }

    /** Serde for {@link ThreatListState}. */
    public static final class ThreatLists extends JsonSerde<ThreatListState> {
        /** Creates the serde. */
        public ThreatLists() {
            super(ThreatListState.class);
        }
    }

    /** Serde for {@link ThreatFeedState}. */
    public static final class ThreatFeeds extends JsonSerde<ThreatFeedState> {
        /** Creates the serde. */
        public ThreatFeeds() {
            super(ThreatFeedState.class);
        }
    }

    /** Serde for {@link AccessKeyState}. */
    public static final class AccessKeys extends JsonSerde<AccessKeyState> {
        /** Creates the serde. */
        public AccessKeys() {
            super(AccessKeyState.class);
        }
    }

    /** Serde for {@link LogSourceState}. */
    public static final class LogSources extends JsonSerde<LogSourceState> {
        /** Creates the serde. */
        public LogSources() {
            super(LogSourceState.class);
        }
    }

    /** Serde for {@link LogSourceCheckpoint}. */
    public static final class LogSourceCheckpoints extends JsonSerde<LogSourceCheckpoint> {
        /** Creates the serde. */
        public LogSourceCheckpoints() {
            super(LogSourceCheckpoint.class);
        }
    }

    /** Serde for {@link LogSourceRead}. */
    public static final class LogSourceReads extends JsonSerde<LogSourceRead> {
        /** Creates the serde. */
        public LogSourceReads() {
            super(LogSourceRead.class);
        }
    }

    /** Serde for {@link LogSourceStatus}. */
    public static final class LogSourceStatuses extends JsonSerde<LogSourceStatus> {
        /** Creates the serde. */
        public LogSourceStatuses() {
            super(LogSourceStatus.class);
        }
    }

    /** Serde for {@link FindingCandidate}. */
    public static final class Candidate extends JsonSerde<FindingCandidate> {
        /** Creates the serde. */
        public Candidate() {
            super(FindingCandidate.class);
        }
    }

    /** Serde for {@link FindingEvent}. */
    public static final class Event extends JsonSerde<FindingEvent> {
        /** Creates the serde. */
        public Event() {
            super(FindingEvent.class);
        }
    }
}
