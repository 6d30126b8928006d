package dev.vigil.web;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * A database that cannot be reached is an outage, not a bug: the answer is 503 {@code ServiceUnavailableException}
 * with {@code Retry-After} (which the AWS SDKs retry), not a 500, and the service recovers by itself once the
 * database is back (issue 20, case 3). Recognised: a refused connection ({@link java.net.ConnectException}), a
 * connection pool that could not hand out a connection in time ({@link SQLTransientConnectionException}), and
 * PostgreSQL's SQLSTATEs for it (<a href="https://www.postgresql.org/docs/current/errcodes-appendix.html">Appendix
 * A</a>): class 08 (connection exception), 57P01-57P03 (admin or crash shutdown, cannot connect now: a restart),
 * 53300 (too many connections), and 55000 "database ... is not currently accepting connections".
 * {@link #isUnavailable(String, String)} is the rule for drivers that carry SQLSTATE outside {@link SQLException}.
 */
@ApplicationScoped
public class DatabaseUnavailable implements ErrorClassifier {

    /** The answer's message. */
    static final String MESSAGE = "The database is unavailable; retry later.";

    @Override
    public Optional<GuardDutyException> classify(Throwable failure) {
        boolean down = failure instanceof java.net.ConnectException
                || failure instanceof SQLTransientConnectionException
                || failure instanceof SQLException sql && isUnavailable(sql.getSQLState(), sql.getMessage());
        return down ? Optional.of(unavailable(failure)) : Optional.empty();
    }

    /** Whether SQLSTATE {@code state} with {@code message} means the database cannot be used right now. */
    public static boolean isUnavailable(String state, String message) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300")
                || state.equals("55000") && message != null && message.contains("not currently accepting connections");
    }

    /** The 503 for {@code cause}, logged once per occurrence as a warning without a stack trace. */
    public static GuardDutyException unavailable(Throwable cause) {
        Log.warnf("database unavailable, answering 503: %s", cause.toString());
        return GuardDutyException.serviceUnavailable(MESSAGE);
    }
}
