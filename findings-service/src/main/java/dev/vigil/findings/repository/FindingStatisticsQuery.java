package dev.vigil.findings.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * GetFindingsStatistics' SQL: counts of the findings of {@code accounts} in a region that match the criteria, by
 * severity and grouped by account, day (UTC), finding type, resource or severity.
 */
public final class FindingStatisticsQuery {

    private FindingStatisticsQuery() {
    }

    /** GuardDuty's {@code groupBy} values. */
    public enum GroupBy { ACCOUNT, DATE, FINDING_TYPE, RESOURCE, SEVERITY }

    /** The number of findings of one severity value. */
    public record SeverityCount(double severity, int count) {
    }

    /**
     * One group. {@code key} is the account ID (ACCOUNT), finding type (FINDING_TYPE) or resource ID (RESOURCE, ""
     * for findings without one); {@code day} the UTC day's start (DATE); {@code severity} the group's severity
     * (SEVERITY) or its highest (DATE); {@code accountId} and {@code resourceType} the lowest of the group (RESOURCE).
     */
    public record Group(String key, Instant day, double severity, int totalFindings, Instant lastGeneratedAt,
            String accountId, String resourceType) {
    }

    /** The findings' count per severity value, lowest severity first. */
    public static List<SeverityCount> countBySeverity(Connection c, List<String> accounts, String region, Criteria criteria)
            throws SQLException {
        List<SeverityCount> out = new ArrayList<>();
        query(c, "select severity, count(*)" + from(accounts, criteria) + " group by severity order by severity",
                params(accounts, region, criteria), rs -> out.add(new SeverityCount(rs.getDouble(1), rs.getInt(2))));
        return out;
    }

    /** The largest ({@code ascending}: smallest) {@code max} groups by count, ties by key. */
    public static List<Group> groups(Connection c, List<String> accounts, String region, Criteria criteria, GroupBy by,
            boolean ascending, int max) throws SQLException {
        String where = from(accounts, criteria);
        String tail = " order by 2 " + (ascending ? "asc" : "desc") + ", 1 limit " + max;
        List<Object> params = params(accounts, region, criteria);
        List<Group> out = new ArrayList<>();
        switch (by) {
            case ACCOUNT -> query(c, "select account_id, count(*), max(updated_at)" + where + " group by account_id" + tail,
                    params, rs -> out.add(new Group(rs.getString(1), null, 0, rs.getInt(2), instant(rs.getTimestamp(3)),
                            null, null)));
            case DATE -> query(c, "select date_trunc('day', updated_at at time zone 'UTC'), count(*), max(updated_at), "
                    + "max(severity)" + where + " group by 1" + tail, params, rs -> out.add(new Group(null,
                    rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC), rs.getDouble(4), rs.getInt(2),
                    instant(rs.getTimestamp(3)), null, null)));
            case FINDING_TYPE -> query(c, "select type, count(*), max(updated_at)" + where + " group by type" + tail,
                    params, rs -> out.add(new Group(rs.getString(1), null, 0, rs.getInt(2), instant(rs.getTimestamp(3)),
                            null, null)));
            case RESOURCE -> query(c, "select coalesce(resource_id, ''), count(*), max(updated_at), min(account_id), "
                    + "min(resource_type)" + where + " group by 1" + tail, params, rs -> out.add(new Group(rs.getString(1),
                    null, 0, rs.getInt(2), instant(rs.getTimestamp(3)), rs.getString(4), rs.getString(5))));
            case SEVERITY -> query(c, "select severity, count(*), max(updated_at)" + where + " group by severity" + tail,
                    params, rs -> out.add(new Group(null, null, rs.getDouble(1), rs.getInt(2),
                            instant(rs.getTimestamp(3)), null, null)));
        }
        return out;
    }

    private static String from(List<String> accounts, Criteria criteria) {
        return " from finding where account_id in (" + FindingRepository.marks(accounts.size()) + ") and region = ? and "
                + criteria.sql();
    }

    private static List<Object> params(List<String> accounts, String region, Criteria criteria) {
        List<Object> params = new ArrayList<>(accounts);
        params.add(region);
        params.addAll(criteria.params());
        return params;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** One row handler. */
    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<Object> params, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Db.bind(ps, 1, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
