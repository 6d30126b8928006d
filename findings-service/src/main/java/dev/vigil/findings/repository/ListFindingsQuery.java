package dev.vigil.findings.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * ListFindings' SQL: one page of the IDs of the findings of {@code accounts} in a region that match the criteria, in
 * sort order, by keyset pagination. A page deep in the listing costs as little as the first: the position of the last
 * returned row is a range condition that the B-tree indexes on (account_id, region, column, id) answer directly
 * (findings-service/BENCHMARKS.md, 1M findings). The listing is fixed when its first page is read: findings stored
 * later (a higher {@code seq}) never enter it, so pages stay stable while findings arrive.
 */
public final class ListFindingsQuery {

    private ListFindingsQuery() {
    }

    /** One page: at most {@code maxResults} finding IDs, and the token of the next page ({@code null} at the end). */
    public record Page(List<String> findingIds, String nextToken) {
    }

    /**
     * Reads one page.
     *
     * @param accounts  the caller's account and the members it sees (at least one)
     * @param hash      {@link PageToken#hash} of the request's criteria and sort
     * @param tokenText the request's {@code nextToken}, {@code null} or empty for the first page
     * @throws dev.vigil.web.GuardDutyException 400 for a {@code nextToken} that is not one of this request's
     */
    public static Page page(Connection c, List<String> accounts, String region, Criteria criteria, FindingSort sort,
            String hash, String tokenText, int maxResults) throws SQLException {
        PageToken token = tokenText == null || tokenText.isEmpty() ? new PageToken(hash, maxSeq(c), null, null)
                : PageToken.decode(tokenText, hash);
        List<Object> params = new ArrayList<>(accounts);
        params.add(region);
        params.add(token.maxSeq());
        StringBuilder sql = new StringBuilder("select id, ").append(sort.column()).append(" from finding where account_id in (")
                .append(FindingRepository.marks(accounts.size())).append(") and region = ? and seq <= ? and ")
                .append(criteria.sql());
        params.addAll(criteria.params());
        String cmp = sort.asc() ? ">" : "<";
        if (token.lastId() != null && sort.unique()) {
            sql.append(" and ").append(sort.column()).append(' ').append(cmp).append(" ?");
            params.add(sort.decode(token.lastValue()));
        } else if (token.lastId() != null) {
            // a row comparison: a B-tree index on (account_id, region, column, id) answers it as a range
            sql.append(" and (").append(sort.column()).append(", id) ").append(cmp).append(" (?, ?)");
            params.add(sort.decode(token.lastValue()));
            params.add(token.lastId());
        }
        String dir = sort.asc() ? " asc" : " desc";
        sql.append(" order by ").append(sort.column()).append(dir);
        if (!sort.unique()) {
            sql.append(", id").append(dir);
        }
        sql.append(" limit ").append(maxResults + 1);
        List<String> ids = new ArrayList<>();
        String next = null;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Db.bind(ps, 1, params);
            try (ResultSet rs = ps.executeQuery()) {
                String lastId = null;
                String lastValue = null;
                while (rs.next()) {
                    if (ids.size() == maxResults) {
                        next = new PageToken(hash, token.maxSeq(), lastValue, lastId).encode();
                        break;
                    }
                    lastId = rs.getString(1);
                    lastValue = sort.encode(rs.getObject(2));
                    ids.add(lastId);
                }
            }
        }
        return new Page(ids, next);
    }

    /** The highest finding sequence number stored so far (0 when there is none). */
    static long maxSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(seq), 0) from finding");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
