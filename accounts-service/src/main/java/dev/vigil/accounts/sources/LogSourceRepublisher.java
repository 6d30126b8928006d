package dev.vigil.accounts.sources;

import dev.vigil.events.LogSourceState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At start-up, publishes every log source again (as {@code StateRepublisher} does for account states), so that the
 * compacted topic {@code vigil.log-sources.v1} matches PostgreSQL even after Kafka lost its data. Best effort within
 * {@code vigil.republish.timeout}; readers keep the highest {@code version}.
 */
@ApplicationScoped
public class LogSourceRepublisher {

    private final LogSourceRepository sources;
    private final LogSourcePublisher publisher;
    private final Duration timeout;
    private final boolean enabled;

    public LogSourceRepublisher(LogSourceRepository sources, LogSourcePublisher publisher,
            @ConfigProperty(name = "vigil.republish.timeout", defaultValue = "PT60S") Duration timeout,
            @ConfigProperty(name = "vigil.republish.on-start", defaultValue = "true") boolean enabled) {
        this.sources = sources;
        this.publisher = publisher;
        this.timeout = timeout;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        try {
            int n = VertxContextSupport.subscribeAndAwait(() -> republish().ifNoItem().after(timeout).fail());
            Log.infof("republished %d log source(s)", n);
        } catch (Throwable e) {
            Log.warnf("could not republish log sources at start-up (%s); each is published again on its next change", e.toString());
        }
    }

    /** Publishes every source's current state; the item is their number. */
    public Uni<Integer> republish() {
        return Panache.withSession(() -> sources.everything().chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(s -> publisher.state(s, s.status)).collect().asList()))
                .chain(states -> Multi.createFrom().iterable(states).onItem()
                        .transformToUniAndConcatenate((LogSourceState st) -> publisher.publish(st).replaceWith(1))
                        .collect().asList().map(l -> l.size()));
    }
}
