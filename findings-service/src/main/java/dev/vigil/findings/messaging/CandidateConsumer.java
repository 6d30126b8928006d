package dev.vigil.findings.messaging;

import dev.vigil.events.FindingCandidate;
import dev.vigil.events.KeyGuard;
import dev.vigil.findings.repository.DatabaseException;
import dev.vigil.findings.service.Exporter;
import dev.vigil.findings.service.FindingStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code vigil.findings.candidates.v1} (channel {@code candidates-in}) into the findings store; a malformed
 * candidate fails and goes to {@code vigil.findings.candidates.v1.dlq}. A new, unsuppressed finding is exported at
 * once; the offset is committed after the database commit.
 *
 * <p>Candidates are applied on the bounded worker pool {@value #POOL} (its {@code max-concurrency} is set below the
 * JDBC pool size in {@code application.properties}), so a burst of candidates cannot exhaust the connection pool.
 * A {@link DatabaseException} (database down, no free connection in time) is retried with exponential backoff for up
 * to five minutes (SmallRye Fault Tolerance) before the candidate is dead-lettered, so a database hiccup never
 * drops a finding.
 */
@ApplicationScoped
public class CandidateConsumer {

    /** The worker pool candidates are applied on. */
    static final String POOL = "findings-store";

    private final FindingStore store;
    private final Exporter exporter;
    private final KeyGuard keys;

    public CandidateConsumer(FindingStore store, Exporter exporter, MeterRegistry registry) {
        this.store = store;
        this.exporter = exporter;
        this.keys = new KeyGuard(registry);
    }

    /**
     * Applies one candidate (key = finding ID). A candidate whose key is not its finding's ID, or whose finding's ARN
     * names another account, is dropped and counted ({@link KeyGuard}).
     */
    @Incoming("candidates-in")
    @Blocking(value = POOL, ordered = false)
    @Retry(maxRetries = 60, delay = 200, maxDuration = 300_000, jitter = 100, retryOn = DatabaseException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public void consume(Record<String, FindingCandidate> record) {
        FindingCandidate candidate = record.value();
        if (!keys.acceptCandidate(record.key(), candidate)) {
            return;
        }
        FindingStore.Applied applied = store.apply(candidate);
        if (applied.outcome() == FindingStore.Outcome.NEW && !applied.suppressed()) {
            exporter.exportNow(applied.findingId());
        }
    }
}
