package dev.vigil.accounts.sources;

import dev.vigil.events.LogSourceStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the reader's reports ({@code log-source-status-in}, topic {@code vigil.log-sources.status.v1}) into
 * PostgreSQL, one transaction per report; the offset is committed after it (a poison record goes to
 * {@code vigil.log-sources.status.v1.dlq}).
 */
@ApplicationScoped
public class LogSourceStatusConsumer {

    private final LogSourceReports reports;

    public LogSourceStatusConsumer(LogSourceReports reports) {
        this.reports = reports;
    }

    /** Stores one report. */
    @Incoming("log-source-status-in")
    public Uni<Void> consume(LogSourceStatus status) {
        if (status == null || status.logSourceId() == null || status.readerId() == null || status.accountId() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> reports.store(status));
    }
}
