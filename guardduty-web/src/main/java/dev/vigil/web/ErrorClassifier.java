package dev.vigil.web;

import java.util.Optional;

/**
 * A service's own knowledge of failures that are not bugs (e.g. accounts-service: a unique-key violation caused by
 * a concurrent request is a 400, not a 500). {@link ErrorMappers} asks every {@code ErrorClassifier} bean about an
 * unexpected exception before it answers 500.
 */
public interface ErrorClassifier {

    /** The answer to {@code failure} (the exception or one of its causes), or empty if this classifier does not know it. */
    Optional<GuardDutyException> classify(Throwable failure);
}
