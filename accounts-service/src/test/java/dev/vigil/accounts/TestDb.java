package dev.vigil.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.Statement;

/** Empties the service's tables between tests (the real PostgreSQL test database). */
final class TestDb {

    private TestDb() {
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
