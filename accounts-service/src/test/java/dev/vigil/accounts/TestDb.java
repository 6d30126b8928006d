package dev.vigil.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.Statement;

/** Empties the service's tables between tests (the real PostgreSQL test database). */
final class TestDb {

    private TestDb() {
    }

    /** Runs one SQL statement (test set-up only). */
    static void exec(String sql) {
        AgroalDataSource ds = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of {@code sql}, as text. */
    static java.util.List<String> texts(String sql) {
        AgroalDataSource ds = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            java.util.List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A count from the database. */
    static long count(String sql) {
        AgroalDataSource ds = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Empties the tables. The service may be reading or writing them at that moment (the state republisher at start-up,
     * a background list fetch of the previous test): PostgreSQL then breaks the lock cycle by failing one side with
     * a deadlock (SQLSTATE 40P01), and the truncation is tried again, at most five times.
     */
    static void clean() {
        AgroalDataSource ds = Arc.container().instance(AgroalDataSource.class).get();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("truncate table accounts.detector, accounts.membership, accounts.threat_list, "
                        + "accounts.usage_record, accounts.access_key, accounts.log_source, accounts.log_source_reader");
                return;
            } catch (java.sql.SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
                    throw new IllegalStateException(e);
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }
    }
}
