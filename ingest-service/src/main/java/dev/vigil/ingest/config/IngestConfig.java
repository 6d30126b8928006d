package dev.vigil.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the ingest API ({@code vigil.ingest.*}); every one can be overridden by an environment variable. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** Largest accepted body after decompression, bytes (default 32 MiB); larger gives HTTP 413. */
    @WithDefault("33554432")
    long maxBodyBytes();

    /** Most per-line errors listed in a response (the counts stay exact). */
    @WithDefault("100")
    int maxErrors();

    /** How long a request waits for the broker to acknowledge every record before answering 503. */
    @WithDefault("30s")
    Duration publishTimeout();

    /** How far in the future an event time may lie (clock skew) before the record is rejected. */
    @WithDefault("15m")
    Duration maxFutureSkew();

    /** Largest serialised size, bytes, of CloudTrail requestParameters/responseElements/additionalEventData kept. */
    @WithDefault("65536")
    int jsonFieldCapBytes();

    /** Per-account rate limits of the ingest API. */
    RateLimit rateLimit();

    /** The account directory read from {@code vigil.accounts.state.v1}. */
    AccountDirectory accountDirectory();

    /** {@code vigil.ingest.account-directory.*}. */
    interface AccountDirectory {

        /**
         * Whether submissions wait (503, not ready) until the directory has read the account-state topic up to its end
         * as of start-up (default true; module tests, whose channel is in memory, turn it off).
         */
        @WithDefault("true")
        boolean catchUp();
    }

    /**
     * Per-account rate limits ({@code vigil.ingest.rate-limit.*}): token buckets that hold {@code requests} (or
     * {@code records}) and refill greedily at that many per {@code period}. They are per replica: with N replicas
     * an account may reach N times these numbers. Defaults: 1,200 requests (20/s) and 6,000,000 records (100,000/s,
     * above what one replica parses, see BENCHMARKS.md) per minute.
     */
    interface RateLimit {

        /** Whether the limits apply (default true). */
        @WithDefault("true")
        boolean enabled();

        /** The period the limits refill over (default 1 minute). */
        @WithDefault("1m")
        Duration period();

        /** Requests per period per account (the token's account; a collector client counts as one account). */
        @WithDefault("1200")
        long requests();

        /** Accepted records per period per account (the records' account). */
        @WithDefault("6000000")
        long records();
    }
}
