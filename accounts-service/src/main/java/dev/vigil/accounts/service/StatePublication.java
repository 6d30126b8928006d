package dev.vigil.accounts.service;

import io.smallrye.mutiny.Uni;

/**
 * Where the state of changed accounts goes: {@code vigil.accounts.state.v1} and {@code vigil.threat-lists.v1}
 * (implemented by {@code messaging.StatePublisher}). Only {@link StateChanges} calls it for a change.
 */
public interface StatePublication {

    /** Publishes the whole current state of every affected account; completes when the broker acknowledged. */
    Uni<Void> publish(Affected affected);
}
