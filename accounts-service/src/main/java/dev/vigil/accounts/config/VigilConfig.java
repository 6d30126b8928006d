package dev.vigil.accounts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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

    /** List limits (GuardDuty quotas page: 1 IPSet and 6 ThreatIntelSets per account per region). */
    interface Lists {
        /** IPSets per account per region. */
        @WithDefault("1")
        int maxIpSets();

        /** ThreatIntelSets per account per region. */
        @WithDefault("6")
        int maxThreatIntelSets();

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
     * CloudTrail per million events.
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

        /** Free-trial days per data source from the detector's creation. */
        @WithDefault("30")
        int freeTrialDays();
    }
}
