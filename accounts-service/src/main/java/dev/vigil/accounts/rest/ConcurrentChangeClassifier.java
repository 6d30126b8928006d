package dev.vigil.accounts.rest;

import dev.vigil.web.ErrorClassifier;
import dev.vigil.web.GuardDutyException;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A unique-key violation is not a bug here: a concurrent request created the same resource first (e.g. two
 * CreateDetector calls of one account in one region at once). The loser gets 400 {@code BadRequestException}, as
 * GuardDuty answers the second CreateDetector, instead of a 500.
 */
@ApplicationScoped
public class ConcurrentChangeClassifier implements ErrorClassifier {

    /** PostgreSQL's SQLSTATE for unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public Optional<GuardDutyException> classify(Throwable failure) {
        if (failure instanceof org.hibernate.exception.ConstraintViolationException
                || failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return Optional.of(GuardDutyException.badRequest(
                    "The request conflicts with a concurrent change of the same resource."));
        }
        return Optional.empty();
    }
}
