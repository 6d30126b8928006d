package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    private final DatabaseUnavailable classifier = new DatabaseUnavailable();

    @Test
    void aDatabaseThatCannotBeReachedIsA503() {
        for (Throwable down : new Throwable[] {
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"),
                new SQLException("FATAL: the database system is starting up", "57P03"),
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"),
                new SQLException("FATAL: database \"vigil\" is not currently accepting connections", "55000"),
                new SQLException("FATAL: sorry, too many clients already", "53300"),
                new SQLTransientConnectionException("Acquisition timeout while waiting for new connection"),
                new java.net.ConnectException("Connection refused")}) {
            assertThat(classifier.classify(down)).as(down.toString()).hasValueSatisfying(g -> {
                assertThat(g.status()).isEqualTo(503);
                assertThat(g.getMessage()).isEqualTo(DatabaseUnavailable.MESSAGE);
            });
        }
    }

    @Test
    void queryErrorsAreNotOutages() {
        for (Throwable bug : new Throwable[] {
                new SQLException("ERROR: duplicate key value violates unique constraint", "23505"),
                new SQLException("ERROR: syntax error at or near", "42601"),
                new SQLException("ERROR: cannot drop the currently open database", "55000"),
                new SQLException("no state"),
                new IllegalStateException("Connection refused")}) {
            assertThat(classifier.classify(bug)).as(bug.toString()).isEmpty();
        }
    }
}
