package dev.vigil.accounts.messaging;

import dev.vigil.accounts.repository.UsageEntity;
import dev.vigil.accounts.repository.UsageRepository;
import dev.vigil.events.Keys;
import dev.vigil.events.UsageRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code vigil.usage.v1} (channel {@code usage-in}). Idempotent: a redelivered {@code eventId} changes
 * nothing. A record without a valid account or event ID is dropped with a warning (never stops the consumer).
 */
@ApplicationScoped
public class UsageConsumer {

    private final UsageRepository usage;

    public UsageConsumer(UsageRepository usage) {
        this.usage = usage;
    }

    /** Stores one usage record unless its event ID was seen before. */
    @Incoming("usage-in")
    public Uni<Void> consume(UsageRecord r) {
        if (r == null || r.eventId() == null || r.eventId().isBlank() || r.eventId().length() > 64 || !Keys.isAccountId(r.accountId())
                || r.region() == null || r.dataSource() == null) {
            Log.warnf("dropping invalid usage record %s", r);
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> usage.findById(r.eventId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            UsageEntity u = new UsageEntity();
            u.eventId = r.eventId();
            u.accountId = r.accountId();
            u.region = r.region();
            u.dataSource = r.dataSource();
            u.resourceId = r.resourceId();
            u.hourStart = Instant.ofEpochMilli(r.hourStart());
            u.bytes = r.bytes();
            u.events = r.events();
            return usage.persist(u).replaceWithVoid();
        }));
    }
}
