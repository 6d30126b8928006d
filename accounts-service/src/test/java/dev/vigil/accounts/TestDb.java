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

    static void clean() {
        AgroalDataSource ds = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate table accounts.detector, accounts.membership, accounts.threat_list, accounts.usage_record");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
