package dev.vigil.accounts.iam;

import dev.vigil.events.AccessKeyState;
import dev.vigil.web.accesskeys.AccessKeyDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes each change of an access key on channel {@code access-keys-out} (compacted topic
 * {@code vigil.access-keys.v1}, keyed by access key ID; a deletion is a tombstone) and, once the broker acknowledged,
 * applies it to this replica's {@link AccessKeyDirectory}, so the replica that answered knows the change at once and
 * every other replica within a poll of the topic. At start-up it republishes every stored key (best effort, like
 * {@code messaging.StateRepublisher}), so the topic matches PostgreSQL even after Kafka lost its data; consumers keep
 * the highest version, so republishing is harmless.
 */
@ApplicationScoped
public class AccessKeyPublisher {

    private final MutinyEmitter<Record<String, AccessKeyState>> out;
    private final AccessKeyDirectory directory;
    private final AccessKeyRepository keys;
    private final boolean republish;

    /** Creates the publisher. */
    public AccessKeyPublisher(@Channel("access-keys-out") MutinyEmitter<Record<String, AccessKeyState>> out,
            AccessKeyDirectory directory, AccessKeyRepository keys,
            @ConfigProperty(name = "vigil.republish.on-start", defaultValue = "true") boolean republish) {
        this.out = out;
        this.directory = directory;
        this.keys = keys;
        this.republish = republish;
    }

    /** The topic's value for {@code key}. */
    static AccessKeyState state(AccessKeyEntity key) {
        List<String> roles = key.roles == null || key.roles.isEmpty() ? List.of() : Arrays.asList(key.roles.split(","));
        return new AccessKeyState(AccessKeyState.SCHEMA_VERSION, key.accessKeyId, key.status, key.userName,
                key.subject, key.accountId, roles, key.sealedSecret, key.createdAt.toEpochMilli(), key.version);
    }

    /** Publishes the current state of {@code key}; completes when the broker acknowledged. */
    public Uni<Void> changed(AccessKeyEntity key) {
        AccessKeyState s = state(key);
        return out.send(Record.of(key.accessKeyId, s)).invoke(() -> directory.apply(s.accessKeyId(), s));
    }

    /** Publishes the deletion of {@code accessKeyId}; completes when the broker acknowledged. */
    public Uni<Void> deleted(String accessKeyId) {
        return out.send(Record.<String, AccessKeyState>of(accessKeyId, null))
                .invoke(() -> directory.apply(accessKeyId, null));
    }

    void onStart(@Observes StartupEvent event) {
        if (!republish) {
            return;
        }
        try {
            int n = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> keys.listAll())
                    .chain(all -> Multi.createFrom().iterable(all).onItem().transformToUniAndConcatenate(this::changed)
                            .collect().asList().replaceWith(all.size()))
                    .ifNoItem().after(Duration.ofSeconds(60)).fail());
            Log.infof("republished %d access key(s)", n);
        } catch (Throwable e) {
            Log.warnf("could not republish access keys at start-up (%s); each is published again on its next change",
                    e.toString());
        }
    }
}
