package dev.vigil.accounts.sources;

import dev.vigil.events.LogSourceState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes a log source's whole current state ({@link LogSourceState}, credentials sealed) on channel
 * {@code log-sources-out} (topic {@code vigil.log-sources.v1}), keyed by log source ID; the returned Uni completes
 * when the broker acknowledged. Called by {@link LogSourceService} after the change committed.
 */
@ApplicationScoped
public class LogSourcePublisher {

    private final MutinyEmitter<LogSourceState> out;

    public LogSourcePublisher(@Channel("log-sources-out") MutinyEmitter<LogSourceState> out) {
        this.out = out;
    }

    /** The state of {@code s} with {@code status} ({@code DELETED} for a deleted source), versioned (inside a session). */
    public Uni<LogSourceState> state(LogSourceEntity s, String status) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select nextval('state_version')", Long.class)
                .getSingleResult()).map(v -> new LogSourceState(LogSourceState.SCHEMA_VERSION, s.logSourceId, s.accountId,
                        s.region, s.detectorId, s.name, s.kind, s.logType, s.sourceRegion, s.queueUrl, s.bucket, s.prefix,
                        s.endpoint, s.sealedCredentials, s.firehoseKeyHash, s.startTime == null ? null : s.startTime.toEpochMilli(), status, v,
                        s.updatedAt.toEpochMilli()));
    }

    /** Sends {@code state} and waits for the broker's acknowledgement. */
    public Uni<Void> publish(LogSourceState state) {
        return out.sendMessage(Message.of(state).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(state.logSourceId()).build()));
    }
}
