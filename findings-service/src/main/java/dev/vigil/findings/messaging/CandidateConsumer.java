package dev.vigil.findings.messaging;

import dev.vigil.events.FindingCandidate;
import dev.vigil.findings.service.Exporter;
import dev.vigil.findings.service.FindingStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
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

    public CandidateConsumer(FindingStore store, Exporter exporter) {
        this.store = store;
        this.exporter = exporter;
    }

    /** Applies one candidate. */
    @Incoming("candidates-in")
    @Blocking(ordered = false)
    public void consume(FindingCandidate candidate) {
        FindingStore.Applied applied = store.apply(candidate);
        if (applied.outcome() == FindingStore.Outcome.NEW && !applied.suppressed()) {
            exporter.exportNow(applied.findingId());
        }
    }
}
