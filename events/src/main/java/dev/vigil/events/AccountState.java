package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * The whole current state of one account on the compacted topic {@link Topics#ACCOUNTS_STATE}, keyed by account
 * ID. accounts-service publishes it after every change to the account's detectors, administrator or members; a
 * {@code null} value (tombstone) means the account has nothing left.
 *
 * @param version       increases with every change of this account, so a consumer can ignore an older state
 * @param detectors     one per region at most
 * @param administrator the account's administrator relationship, or {@code null}
 * @param members       the member accounts this account administers (every relationship status)
 * @param updatedAt     UTC epoch milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountState(int schemaVersion, String accountId, long version, List<Detector> detectors,
        Relationship administrator, List<Relationship> members, long updatedAt) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * A detector of the account.
     *
     * @param status                     {@code ENABLED} or {@code DISABLED} (GuardDuty's {@code DetectorStatus})
     * @param findingPublishingFrequency {@code FIFTEEN_MINUTES}, {@code ONE_HOUR} or {@code SIX_HOURS}
     * @param flowLogs                   whether VPC Flow Logs are analysed (data source status)
     * @param dnsLogs                    whether DNS logs are analysed
     * @param cloudTrail                 whether CloudTrail is analysed
     * @param createdAt                  UTC epoch milliseconds
     * @param features                   the optional features ENABLED on the detector (GuardDuty's
     *                                   {@code DetectorFeature} names, e.g. {@code S3_DATA_EVENTS}); {@code null}
     *                                   or absent means none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detector(String detectorId, String region, String status, String findingPublishingFrequency,
            boolean flowLogs, boolean dnsLogs, boolean cloudTrail, long createdAt, List<String> features) {

        /** GuardDuty's feature name of S3 Protection (CloudTrail S3 data events). */
        public static final String S3_DATA_EVENTS = "S3_DATA_EVENTS";

        /** A detector without optional features. */
        public Detector(String detectorId, String region, String status, String findingPublishingFrequency,
                boolean flowLogs, boolean dnsLogs, boolean cloudTrail, long createdAt) {
            this(detectorId, region, status, findingPublishingFrequency, flowLogs, dnsLogs, cloudTrail, createdAt,
                    null);
        }

        /** Whether the optional feature {@code name} (e.g. {@link #S3_DATA_EVENTS}) is enabled. */
        public boolean has(String name) {
            return features != null && features.contains(name);
        }

        /** Whether this detector analyses anything. */
        @JsonIgnore
        public boolean enabled() {
            return "ENABLED".equals(status);
        }
    }

    /**
     * An administrator/member relationship, seen from this account.
     *
     * @param accountId          the other account
     * @param relationshipStatus GuardDuty's status: Created, Invited, Enabled, Disabled, Removed, Resigned, ...
     */
    public record Relationship(String accountId, String relationshipStatus) {

        /** Whether the relationship is in force (the member accepted and was not disassociated). */
        @JsonIgnore
        public boolean enabled() {
            return "Enabled".equals(relationshipStatus);
        }
    }

    /**
     * The detector of {@code region}, if any. A loop, not a stream: the detector asks this several times for every
     * log record (1.3 % of its stream threads as a stream pipeline, issue 26).
     */
    public Optional<Detector> detector(String region) {
        if (detectors != null) {
            for (Detector d : detectors) {
                if (d.region().equals(region)) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the account's enabled detector in {@code region} analyses S3 data events (feature
     * {@link Detector#S3_DATA_EVENTS}).
     */
    public boolean analysesS3DataEvents(String region) {
        return detector(region).map(d -> d.enabled() && d.has(Detector.S3_DATA_EVENTS)).orElse(false);
    }

    /** Whether the account has an enabled detector in {@code region}. */
    public boolean analyses(String region) {
        return detector(region).map(Detector::enabled).orElse(false);
    }

    /** The accounts this account administers with an {@code Enabled} relationship. */
    @JsonIgnore
    public List<String> enabledMembers() {
        return members == null ? List.of()
                : members.stream().filter(Relationship::enabled).map(Relationship::accountId).toList();
    }
}
