package dev.vigil.accounts.messaging;

import dev.vigil.accounts.repository.UsageEntity;
import dev.vigil.accounts.repository.UsageRepository;
import dev.vigil.events.KeyGuard;
import dev.vigil.events.Keys;
import dev.vigil.events.Topics;
import dev.vigil.events.UsageRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
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
    private final KeyGuard keys;

    public UsageConsumer(UsageRepository usage, MeterRegistry registry) {
        this.usage = usage;
        this.keys = new KeyGuard(registry);
    }

    /**
     * Stores one usage record (key = its account ID) unless its event ID was seen before. A record whose account is
     * not its key's is dropped and counted ({@link KeyGuard}).
     */
    @Incoming("usage-in")
    public Uni<Void> consume(Record<String, UsageRecord> record) {
        UsageRecord r = record.value();
        if (r != null && !keys.accept(Topics.USAGE, record.key(), r.accountId())) {
            return Uni.createFrom().voidItem();
        }
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
