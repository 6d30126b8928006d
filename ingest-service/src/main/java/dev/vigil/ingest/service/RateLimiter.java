package dev.vigil.ingest.service;

import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.web.Caller;
import dev.vigil.web.GuardDutyException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-account rate limits of the ingest API ({@code vigil.ingest.rate-limit.*}), as Bucket4j token buckets in this
 * replica's memory.
 *
 * <ul>
 *   <li><b>Requests</b>: every request takes one token from its caller's bucket before its body is read: the
 *       token's account for role {@code ingest}, the client (principal name) for a {@code collector}. An empty
 *       bucket answers 429 {@code TooManyRequestsException} with {@code Retry-After} (seconds) and nothing is read or
 *       published.</li>
 *   <li><b>Records</b>: accepted records are charged to their account's bucket after the fact (a request may
 *       overdraw it, since records are published while the body is parsed). An account in debt is refused until the
 *       debt is refilled: a request of role {@code ingest} for it answers 429; a collector's records for it are
 *       per-line errors (its other accounts' records go through).</li>
 * </ul>
 *
 * <p>Buckets exist only for callers with a valid token and for accounts that had records accepted (an enabled
 * detector), so their number is bounded by the tenants. Metric: {@code vigil_ingest_throttled_total{limit}}.
 */
@ApplicationScoped
public class RateLimiter {

    private final IngestConfig.RateLimit config;
    private final Map<String, Bucket> requestBuckets = new ConcurrentHashMap<>();
    private final Map<String, Bucket> recordBuckets = new ConcurrentHashMap<>();
    private final Counter throttledRequests;
    private final Counter throttledRecords;

    /** Creates the limiter from {@code vigil.ingest.rate-limit.*}. */
    public RateLimiter(IngestConfig config, MeterRegistry registry) {
        this.config = config.rateLimit();
        this.throttledRequests = Counter.builder("vigil.ingest.throttled").tag("limit", "requests")
                .description("requests or records refused by a per-account rate limit").register(registry);
        this.throttledRecords = Counter.builder("vigil.ingest.throttled").tag("limit", "records")
                .description("requests or records refused by a per-account rate limit").register(registry);
    }

    /**
     * Admits one request of {@code caller} or refuses it: its account's bucket for role {@code ingest}, its
     * principal's for a {@code collector}.
     *
     * @throws GuardDutyException 429 {@code TooManyRequestsException} with a retry delay when the caller's request
     *         limit is reached, or when the {@code ingest} caller's account is over its record limit
     */
    public void admit(Caller caller) {
        if (!config.enabled()) {
            return;
        }
        boolean collector = caller.hasRole(IngestService.COLLECTOR);
        if (!collector) {
            long wait = recordDebtNanos(caller.accountId());
            if (wait > 0) {
                throttledRequests.increment();
                throw throttled("account " + caller.accountId() + " submitted more than " + config.records()
                        + " records in " + config.period() + "; retry later", wait);
            }
        }
        String key = collector ? "client:" + caller.name() : caller.accountId();
        Bucket bucket = requestBuckets.computeIfAbsent(key, k -> bucket(config.requests()));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throttledRequests.increment();
            throw throttled("more than " + config.requests() + " requests in " + config.period() + "; retry later",
                    probe.getNanosToWaitForRefill());
        }
    }

    /** Why records of {@code accountId} may not be accepted now (its record limit is used up), or {@code null}. */
    public String recordRefusal(String accountId) {
        if (!config.enabled()) {
            return null;
        }
        long wait = recordDebtNanos(accountId);
        if (wait <= 0) {
            return null;
        }
        throttledRecords.increment();
        return "account " + accountId + " submitted more than " + config.records() + " records in " + config.period()
                + "; retry after " + seconds(wait) + " s";
    }

    /** Charges {@code count} accepted records to {@code accountId}'s record limit (it may go into debt). */
    public void charge(String accountId, long count) {
        if (config.enabled() && count > 0) {
            recordBuckets.computeIfAbsent(accountId, k -> bucket(config.records())).consumeIgnoringRateLimits(count);
        }
    }

    private long recordDebtNanos(String accountId) {
        Bucket bucket = recordBuckets.get(accountId);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private Bucket bucket(long capacity) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, config.period()))
                .build();
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static GuardDutyException throttled(String message, long waitNanos) {
        return GuardDutyException.tooManyRequests(message, seconds(waitNanos));
    }
}
