package dev.vigil.accounts.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The one way accounts-service changes state: the change runs in one transaction and, once that transaction has
 * committed, the whole current state of every account it affected ({@link Affected}) is published through
 * {@link StatePublication} to {@code vigil.accounts.state.v1} and {@code vigil.threat-lists.v1}; the caller's answer
 * waits for the broker's acknowledgement. So an operation cannot change state without propagating it, and nothing
 * uncommitted is ever published. When publishing fails the request fails, while the change stays committed: the
 * next change of the account and {@code StateRepublisher} (at start-up) publish its state again, and consumers keep
 * the highest {@code version}.
 */
@ApplicationScoped
public class StateChanges {

    private final StatePublication publication;

    /** Creates the helper. */
    public StateChanges(StatePublication publication) {
        this.publication = publication;
    }

    /**
     * Runs {@code change} in a transaction, then publishes what it affected.
     *
     * @return the change's value, once committed and published
     */
    public <T> Uni<T> commit(Supplier<Uni<Affected.Result<T>>> change) {
        return Panache.withTransaction(change).call(r -> publication.publish(r.affected())).map(Affected.Result::value);
    }
}
