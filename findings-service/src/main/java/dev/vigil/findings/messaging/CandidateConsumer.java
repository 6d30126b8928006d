package dev.vigil.findings.messaging;

import dev.vigil.events.FindingCandidate;
import dev.vigil.events.KeyGuard;
import dev.vigil.findings.service.Exporter;
import dev.vigil.findings.service.FindingStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code vigil.findings.candidates.v1} (channel {@code candidates-in}) into the findings store; a malformed
 * candidate fails and goes to {@code vigil.findings.candidates.v1.dlq}. A new, unsuppressed finding is exported at
 * once; the offset is committed after the database commit.
 */
@ApplicationScoped
public class CandidateConsumer {

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
    @Blocking(ordered = false)
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
