package dev.vigil.findings.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** JDBC transactions on the service's PostgreSQL schema (blocking: call from worker threads only). */
@ApplicationScoped
public class Db {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns and rolled back when it throws.
     *
     * @throws DatabaseException wrapping a {@link SQLException} (the database is unreachable, the pool has no free
     *                           connection in time, a statement failed)
     */
    public <T> T tx(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("database error: " + e.getMessage(), e);
        }
    }

    /** Binds {@code params} (Instant becomes a timestamp) from index {@code from}; returns the next index. */
    public static int bind(PreparedStatement ps, int from, List<Object> params) throws SQLException {
        int i = from;
        for (Object p : params) {
            ps.setObject(i++, p instanceof Instant in ? Timestamp.from(in) : p);
        }
        return i;
    }

    /** Executes an update with {@code params}; returns the row count. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, java.util.Arrays.asList(params));
            return ps.executeUpdate();
        }
    }
}
