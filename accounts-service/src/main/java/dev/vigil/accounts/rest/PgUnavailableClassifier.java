package dev.vigil.accounts.rest;

import dev.vigil.web.DatabaseUnavailable;
import dev.vigil.web.ErrorClassifier;
import dev.vigil.web.GuardDutyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The reactive PostgreSQL client's view of an outage ({@link DatabaseUnavailable} has the rule and the JDBC side): a
 * {@link PgException} whose SQLSTATE says the database cannot be used now, or a connection the server closed (a
 * restart terminates every connection). Answered 503 with {@code Retry-After}.
 */
@ApplicationScoped
public class PgUnavailableClassifier implements ErrorClassifier {

    @Override
    public Optional<GuardDutyException> classify(Throwable failure) {
        if (failure instanceof ClosedConnectionException
                || failure instanceof PgException pg && DatabaseUnavailable.isUnavailable(pg.getSqlState(),
                        pg.getErrorMessage())) {
            return Optional.of(DatabaseUnavailable.unavailable(failure));
        }
        return Optional.empty();
    }
}
