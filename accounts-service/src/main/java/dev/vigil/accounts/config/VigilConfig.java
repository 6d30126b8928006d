package dev.vigil.accounts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The service's own configuration under {@code vigil.*} (other {@code vigil.*} keys are not this mapping's:
 * {@code vigil.default-region}, the region of bare GuardDuty paths, is read by guardduty-web's {@code TenantContext};
 * {@code vigil.republish.*} by {@code StateRepublisher}; the build's {@code vigil.samples.dir} by other modules'
 * tests).
 */
@ConfigMapping(prefix = "vigil")
public interface VigilConfig {

    /** Members per administrator per region (GuardDuty quota: 5,000 member accounts). */
    @WithDefault("5000")
    int memberLimit();

    /** Trusted/threat list limits and fetching. */
    Lists lists();

    /** Usage prices. */
    Pricing pricing();

    /**
     * Operator threat-intelligence feeds by name ({@code vigil.feeds."name".*}), refreshed by
     * {@code ThreatFeedRefresher} and published on {@code vigil.threat-feeds.v1}; none by default (the detector's
     * built-in snapshots are the air-gapped default).
     */
    Map<String, Feed> feeds();

    /** One feed subscription. */
    interface Feed {
        /** Where the feed is served ({@code http(s)://}); operator configuration, so not behind the tenant egress guard. */
        String url();

        /**
         * The detector category it feeds: TOR, C2, CRYPTO, BLACKHOLE, DROPPOINT, PHISHING, DRIVEBY, DGA or MALICIOUS
         * (detector-service {@code Category}).
         */
        String category();

        /** The list it replaces or adds ({@code threatListName} {@code Vigil:<listName>}); default: the feed's name. */
        Optional<String> listName();

        /** The file's format: one of the list formats (TXT, STIX, OTX_CSV, ALIEN_VAULT, PROOF_POINT, FIRE_EYE). */
        @WithDefault("TXT")
        String format();

        /** Time between refreshes. */
        @WithDefault("1h")
        Duration refresh();

        /**
         * A new copy with fewer entries than this fraction of the last good one is refused (the last good copy
         * stays): a feed that suddenly shrinks by more than half is more likely broken than cleaned up.
         */
        @WithDefault("0.5")
        double minKeptFraction();
    }

    /** List limits (GuardDuty quotas page: 1 IPSet and 6 ThreatIntelSets per account per region). */
    interface Lists {
        /** IPSets per account per region. */
        @WithDefault("1")
        int maxIpSets();

        /** ThreatIntelSets per account per region. */
        @WithDefault("6")
        int maxThreatIntelSets();

        /** TrustedEntitySets per account per region (GuardDuty: one trusted entity list). */
        @WithDefault("1")
        int maxTrustedEntitySets();

        /** ThreatEntitySets per account per region (GuardDuty: six threat entity lists). */
        @WithDefault("6")
        int maxThreatEntitySets();

        /** Entries (addresses, CIDR blocks, domains) per trusted entity list; the trusted IP list's quota. */
        @WithDefault("2000")
        int maxTrustedEntitySetEntries();

        /** Entries (addresses, CIDR blocks, domains) per threat entity list; the threat IP list's quota. */
        @WithDefault("250000")
        int maxThreatEntitySetEntries();

        /** Entries per trusted IP list. */
        @WithDefault("2000")
        int maxIpSetEntries();

        /** Entries per threat list. */
        @WithDefault("250000")
        int maxThreatIntelSetEntries();

        /** Largest list file in bytes (35 MB). */
        @WithDefault("36700160")
        long maxFileBytes();


        /** Deadline of a whole fetch of a list {@code location}, every redirect included. */
        @WithDefault("30s")
        Duration fetchTimeout();

        /** List fetches one account may have running at once; one more is refused with 429 (issue 23, defect 5). */
        @WithDefault("2")
        int maxConcurrentFetchesPerAccount();

        /** Threads of the service's own list-fetch pool (never the request worker pool). */
        @WithDefault("4")
        int fetchThreads();
    }

    /**
     * GuardDuty's tiered prices (GuardDuty pricing page, N. Virginia). Flow and DNS logs are priced per GB in tiers,
     * CloudTrail management events and S3 data
     * events per million events (S3 data events in tiers).
     */
    interface Pricing {
        /** Upper bounds (GB) of each log tier except the last, e.g. 500,2500. */
        @WithDefault("500,2500")
        java.util.List<Double> logTierLimitsGb();

        /** USD per GB for each log tier. */
        @WithDefault("1.00,0.50,0.25")
        java.util.List<Double> logTierUsdPerGb();

        /** USD per million CloudTrail management events. */
        @WithDefault("4.00")
        double cloudTrailUsdPerMillion();

        /**
         * Upper bounds (millions of events per account) of each S3 data-event tier except the last (GuardDuty
         * pricing, "S3 Protection": first 500 million, next 4,500 million, over 5,000 million events a month).
         */
        @WithDefault("500,5000")
        java.util.List<Double> s3DataEventTierLimitsMillions();

        /** USD per million S3 data events for each tier (GuardDuty pricing, N. Virginia). */
        @WithDefault("0.80,0.40,0.20")
        java.util.List<Double> s3DataEventTierUsdPerMillion();

        /** Free-trial days per data source from the detector's creation. */
        @WithDefault("30")
        int freeTrialDays();
    }
}
