package dev.vigil.findings.repository;

import java.sql.SQLException;

/**
 * A {@link SQLException} surfaced by {@link Db}: the database was unreachable, no pooled connection was free in time,
 * or a statement failed. Consumers retry it (it is usually transient) instead of dead-lettering the record.
 */
public class DatabaseException extends IllegalStateException {

    /** The failure {@code cause} with a message for logs (never shown to API clients). */
    public DatabaseException(String message, SQLException cause) {
        super(message, cause);
    }
}
