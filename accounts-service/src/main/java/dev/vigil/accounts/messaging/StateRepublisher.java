package dev.vigil.accounts.messaging;

import dev.vigil.accounts.service.Affected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At start-up, publishes the current state of every account that has a detector, a membership or a threat list
 * ({@link StatePublisher}), so that the compacted topics {@code vigil.accounts.state.v1} and
 * {@code vigil.threat-lists.v1} always match PostgreSQL, even after Kafka lost its data (a new cluster, a restored
 * database) while the accounts database kept it. Without this, ingest would refuse every record of such accounts
 * until each of them changed. Consumers keep the highest {@code version}, so republishing is harmless.
 *
 * <p>Best effort: when Kafka does not acknowledge within {@code vigil.republish.timeout} (default 60 s) the service
 * starts anyway and logs a warning; every later change publishes the affected accounts again.
 */
@ApplicationScoped
public class StateRepublisher {

    private final StatePublisher publisher;
    private final Duration timeout;
    private final boolean enabled;

    public StateRepublisher(StatePublisher publisher,
            @ConfigProperty(name = "vigil.republish.timeout", defaultValue = "PT60S") Duration timeout,
            @ConfigProperty(name = "vigil.republish.on-start", defaultValue = "true") boolean enabled) {
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
            Log.infof("republished the state of %d account(s)", n);
        } catch (Throwable e) {
            Log.warnf("could not republish account states at start-up (%s); they are published again on the next "
                    + "change of each account", e.toString());
        }
    }

    /** Publishes every known account's state and lists; the item is the number of accounts. */
    public Uni<Integer> republish() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select account_id from detector union select account_id from membership "
                        + "union select member_account_id from membership union select account_id from threat_list",
                String.class).getResultList()))
                .chain((List<String> ids) -> {
                    Affected all = Affected.none();
                    ids.stream().filter(id -> id != null).forEach(id -> {
                        all.states().add(id);
                        all.lists().add(id);
                    });
                    return publisher.publish(all).replaceWith(all.states().size());
                });
    }
}
