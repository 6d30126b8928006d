package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import dev.vigil.findings.repository.AccountRepository;
import dev.vigil.findings.repository.Db;
import dev.vigil.findings.repository.FindingRepository;
import dev.vigil.findings.rest.GuardDutyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * GuardDuty's findings operations for one caller (account and region): ListFindings, GetFindings,
 * GetFindingsStatistics, ArchiveFindings, UnarchiveFindings, UpdateFindingsFeedback. The caller sees its own
 * findings and those of the members it administers with an {@code Enabled} relationship (current membership: after
 * a disassociation the administrator sees none of the member's findings, old or new; the member keeps seeing them).
 * A detector ID that is not the caller's detector in the path's region is rejected exactly like a missing one.
 */
@ApplicationScoped
public class FindingService {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> ORDER = Set.of("ASC", "DESC");

    private final Db db;

    public FindingService(Db db) {
        this.db = db;
    }

    /**
     * Checks that {@code detectorId} is {@code account}'s detector in {@code region}.
     *
     * @throws GuardDutyException 400 "not owned by the current account" otherwise
     */
    public static AccountRepository.DetectorRow requireDetector(Connection c, String account, String region,
            String detectorId) throws SQLException {
        return AccountRepository.detector(c, account, region).filter(d -> d.detectorId().equals(detectorId))
                .orElseThrow(GuardDutyException::detectorNotOwned);
    }

    /** ListFindings: {@code {"findingIds": [...], "nextToken": ...}}. */
    public ObjectNode list(String account, String region, String detectorId, JsonNode body) {
        int max = Requests.integer(body, "maxResults", 1, 50, 50);
        Criteria criteria = Criteria.compile(body.get("findingCriteria"));
        Sort sort = Sort.of(body.get("sortCriteria"), "seq");
        String tokenText = Requests.string(body, "nextToken");
        String hash = FindingIdsHash.of(Json.write(body.path("findingCriteria")) + "|" + sort);
        return db.tx(c -> {
            requireDetector(c, account, region, detectorId);
            List<String> accounts = AccountRepository.visibleAccounts(c, account);
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
                // a row comparison: a B-tree index on (account_id, region, column, id) answers it as a range, so a
                // page deep in the listing costs as little as the first
                sql.append(" and (").append(sort.column()).append(", id) ").append(cmp).append(" (?, ?)");
                params.add(sort.decode(token.lastValue()));
                params.add(token.lastId());
            }
            String dir = sort.asc() ? " asc" : " desc";
            sql.append(" order by ").append(sort.column()).append(dir);
            if (!sort.unique()) {
                sql.append(", id").append(dir);
            }
            sql.append(" limit ").append(max + 1);
            ObjectNode out = JSON.objectNode();
            ArrayNode ids = out.putArray("findingIds");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Db.bind(ps, 1, params);
                try (ResultSet rs = ps.executeQuery()) {
                    String lastId = null;
                    String lastValue = null;
                    int n = 0;
                    while (rs.next()) {
                        if (n++ == max) {
                            out.put("nextToken", new PageToken(hash, token.maxSeq(), lastValue, lastId).encode());
                            break;
                        }
                        lastId = rs.getString(1);
                        lastValue = sort.encode(rs.getObject(2));
                        ids.add(lastId);
                    }
                }
            }
            return out;
        });
    }

    private static long maxSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(seq), 0) from finding");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** GetFindings: {@code {"findings": [...]}} for the visible IDs among at most 50; unknown IDs are left out. */
    public ObjectNode get(String account, String region, String detectorId, JsonNode body) {
        List<String> ids = Requests.findingIds(body);
        JsonNode sortNode = body.get("sortCriteria");
        Sort sort = sortNode == null || sortNode.isNull() ? null : Sort.of(sortNode, "seq");
        List<ObjectNode> docs = db.tx(c -> {
            requireDetector(c, account, region, detectorId);
            return FindingRepository.documents(c, ids, AccountRepository.visibleAccounts(c, account), region, false);
        });
        if (sort != null && sort.field() != null) {
            Comparator<ObjectNode> cmp = Comparator.comparing(d -> String.valueOf(sort.field().extract(d)));
            if (sort.field().kind() == FindingFields.Kind.NUMBER) {
                cmp = Comparator.comparingDouble(d -> ((Number) sort.field().extract(d)).doubleValue());
            }
            docs.sort(sort.asc() ? cmp : cmp.reversed());
        }
        ObjectNode out = JSON.objectNode();
        ArrayNode arr = out.putArray("findings");
        docs.forEach(arr::add);
        return out;
    }

    /** GetFindingsStatistics: COUNT_BY_SEVERITY and/or groupBy ACCOUNT, DATE, FINDING_TYPE, RESOURCE, SEVERITY. */
    public ObjectNode statistics(String account, String region, String detectorId, JsonNode body) {
        List<String> types = Requests.strings(body, "findingStatisticTypes", 10, false);
        for (String t : types) {
            if (!t.equals("COUNT_BY_SEVERITY")) {
                throw GuardDutyException.badRequest("The request is rejected because findingStatisticTypes contains "
                        + "an unsupported value: " + t + ".");
            }
        }
        String groupBy = Requests.oneOf(body, "groupBy", Set.of("ACCOUNT", "DATE", "FINDING_TYPE", "RESOURCE", "SEVERITY"));
        String orderBy = Requests.oneOf(body, "orderBy", ORDER);
        int max = Requests.integer(body, "maxResults", 1, 100, 25);
        if (types.isEmpty() && groupBy == null) {
            throw GuardDutyException.badRequest("The request is rejected because neither findingStatisticTypes nor "
                    + "groupBy is given.");
        }
        Criteria criteria = Criteria.compile(body.get("findingCriteria"));
        return db.tx(c -> {
            requireDetector(c, account, region, detectorId);
            List<String> accounts = AccountRepository.visibleAccounts(c, account);
            String where = " from finding where account_id in (" + FindingRepository.marks(accounts.size())
                    + ") and region = ? and " + criteria.sql();
            List<Object> params = new ArrayList<>(accounts);
            params.add(region);
            params.addAll(criteria.params());
            ObjectNode stats = JSON.objectNode();
            if (!types.isEmpty()) {
                ObjectNode bySeverity = stats.putObject("countBySeverity");
                query(c, "select severity, count(*)" + where + " group by severity order by severity", params,
                        rs -> bySeverity.put(Double.toString(rs.getDouble(1)), rs.getInt(2)));
            }
            if (groupBy != null) {
                String dir = "ASC".equals(orderBy) ? "asc" : "desc";
                String tail = " order by 2 " + dir + ", 1 limit " + max;
                switch (groupBy) {
                    case "ACCOUNT" -> {
                        ArrayNode arr = stats.putArray("groupedByAccount");
                        query(c, "select account_id, count(*), max(updated_at)" + where + " group by account_id" + tail, params, rs -> arr.addObject()
                                .put("accountId", rs.getString(1)).put("totalFindings", rs.getInt(2))
                                .put("lastGeneratedAt", seconds(rs.getTimestamp(3))));
                    }
                    case "DATE" -> {
                        ArrayNode arr = stats.putArray("groupedByDate");
                        query(c, "select date_trunc('day', updated_at at time zone 'UTC'), count(*), max(updated_at), "
                                + "max(severity)" + where + " group by 1" + tail, params, rs -> arr.addObject()
                                .put("date", seconds(Timestamp.from(rs.getTimestamp(1).toLocalDateTime()
                                        .toInstant(java.time.ZoneOffset.UTC))))
                                .put("totalFindings", rs.getInt(2)).put("lastGeneratedAt", seconds(rs.getTimestamp(3)))
                                .put("severity", rs.getDouble(4)));
                    }
                    case "FINDING_TYPE" -> {
                        ArrayNode arr = stats.putArray("groupedByFindingType");
                        query(c, "select type, count(*), max(updated_at)" + where + " group by type" + tail, params,
                                rs -> arr.addObject().put("findingType", rs.getString(1)).put("totalFindings", rs.getInt(2))
                                        .put("lastGeneratedAt", seconds(rs.getTimestamp(3))));
                    }
                    case "RESOURCE" -> {
                        ArrayNode arr = stats.putArray("groupedByResource");
                        query(c, "select coalesce(resource_id, ''), count(*), max(updated_at), min(account_id), "
                                + "min(resource_type)" + where + " group by 1" + tail, params, rs -> arr.addObject()
                                .put("resourceId", rs.getString(1)).put("totalFindings", rs.getInt(2))
                                .put("lastGeneratedAt", seconds(rs.getTimestamp(3))).put("accountId", rs.getString(4))
                                .put("resourceType", rs.getString(5)));
                    }
                    default -> {
                        ArrayNode arr = stats.putArray("groupedBySeverity");
                        query(c, "select severity, count(*), max(updated_at)" + where + " group by severity" + tail,
                                params, rs -> arr.addObject().put("severity", rs.getDouble(1))
                                        .put("totalFindings", rs.getInt(2)).put("lastGeneratedAt", seconds(rs.getTimestamp(3))));
                    }
                }
            }
            ObjectNode out = JSON.objectNode();
            out.set("findingStatistics", stats);
            return out;
        });
    }

    private static double seconds(Timestamp t) {
        return t == null ? 0 : t.toInstant().toEpochMilli() / 1000.0;
    }

    /** One row handler. */
    @FunctionalInterface
    interface Row {
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

    /**
     * ArchiveFindings / UnarchiveFindings on the visible findings among {@code findingIds} (unknown IDs are ignored,
     * as for another tenant's). As in GuardDuty, a member account managed by an administrator cannot (un)archive.
     */
    public void archive(String account, String region, String detectorId, JsonNode body, boolean archived) {
        List<String> ids = Requests.findingIds(body);
        db.tx(c -> {
            requireDetector(c, account, region, detectorId);
            if (AccountRepository.administratorOf(c, account).isPresent()) {
                throw GuardDutyException.badRequest("The request is rejected because member accounts cannot "
                        + (archived ? "archive" : "unarchive") + " findings; only the administrator account can.");
            }
            for (ObjectNode doc : FindingRepository.documents(c, ids, AccountRepository.visibleAccounts(c, account),
                    region, true)) {
                ((ObjectNode) doc.get("service")).put("archived", archived);
                Db.update(c, "update finding set archived = ?, suppressed = suppressed and ?, doc = ?::jsonb where id = ?",
                        archived, archived, Json.write(doc), doc.get("id").asText());
            }
            return null;
        });
    }

    /** UpdateFindingsFeedback: USEFUL or NOT_USEFUL, with optional comments, on the visible findings. */
    public void feedback(String account, String region, String detectorId, JsonNode body) {
        List<String> ids = Requests.findingIds(body);
        String feedback = Requests.oneOf(body, "feedback", Set.of("USEFUL", "NOT_USEFUL"));
        if (feedback == null) {
            throw GuardDutyException.badRequest("The request is rejected because feedback is required.");
        }
        String comments = Requests.string(body, "comments");
        db.tx(c -> {
            requireDetector(c, account, region, detectorId);
            for (ObjectNode doc : FindingRepository.documents(c, ids, AccountRepository.visibleAccounts(c, account),
                    region, true)) {
                ((ObjectNode) doc.get("service")).put("userFeedback", feedback);
                String id = doc.get("id").asText();
                Db.update(c, "update finding set user_feedback = ?, doc = ?::jsonb where id = ?", feedback,
                        Json.write(doc), id);
                Db.update(c, "insert into finding_feedback (account_id, finding_id, feedback, comments, given_at) "
                        + "values (?, ?, ?, ?, now()) on conflict (account_id, finding_id) do update set "
                        + "feedback = excluded.feedback, comments = excluded.comments, given_at = now()",
                        account, id, feedback, comments);
            }
            return null;
        });
    }

    /** Sort column and direction from GuardDuty's {@code sortCriteria}. */
    record Sort(FindingFields.Field field, String column, boolean asc) {

        static Sort of(JsonNode node, String defaultColumn) {
            if (node == null || node.isNull()) {
                return new Sort(null, defaultColumn, true);
            }
            if (!node.isObject()) {
                throw GuardDutyException.badRequest("sortCriteria must be an object.");
            }
            String order = Requests.oneOf(node, "orderBy", ORDER);
            boolean asc = !"DESC".equals(order);
            String attribute = Requests.string(node, "attributeName");
            if (attribute == null) {
                return new Sort(null, defaultColumn, asc);
            }
            FindingFields.Field f = FindingFields.byPath(attribute).filter(FindingFields.Field::sortable)
                    .orElseThrow(() -> GuardDutyException.badRequest("Unsupported sortCriteria.attributeName '"
                            + attribute + "'."));
            return new Sort(f, f.column(), asc);
        }

        /** Whether the sort column is unique ({@code seq}, {@code id}), so that it needs no {@code id} tie-break. */
        boolean unique() {
            return column.equals("seq") || column.equals("id");
        }

        /** The keyset value of a row, as text for the page token. */
        String encode(Object value) {
            if (value instanceof Timestamp t) {
                return t.toInstant().toString();
            }
            return String.valueOf(value);
        }

        /** The keyset value back from the page token, typed for JDBC. */
        Object decode(String value) {
            if (field == null) {
                return Long.valueOf(value);
            }
            return switch (field.kind()) {
                case STRING -> value;
                case NUMBER -> Double.valueOf(value);
                case INTEGER -> Integer.valueOf(value);
                case TIMESTAMP -> Timestamp.from(Instant.parse(value));
                case BOOLEAN -> Boolean.valueOf(value);
            };
        }

        @Override
        public String toString() {
            return column + (asc ? ":asc" : ":desc");
        }
    }

    /** Hash of a request's criteria and sort, bound into its page tokens. */
    static final class FindingIdsHash {
        private FindingIdsHash() {
        }

        static String of(String text) {
            return dev.vigil.events.FindingIds.sha256Hex32(text).substring(0, 12);
        }
    }

    /**
     * The opaque {@code nextToken}: the request's hash, the highest finding sequence number when the first page was
     * read (later findings never enter the listing, so pages stay stable while findings arrive) and the keyset
     * position of the last returned row.
     */
    record PageToken(String hash, long maxSeq, String lastValue, String lastId) {

        String encode() {
            ObjectNode n = JSON.objectNode().put("h", hash).put("s", maxSeq).put("v", lastValue).put("i", lastId);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(n).getBytes(StandardCharsets.UTF_8));
        }

        static PageToken decode(String token, String hash) {
            try {
                JsonNode n = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
                PageToken t = new PageToken(n.get("h").asText(), n.get("s").asLong(), n.get("v").asText(), n.get("i").asText());
                if (!t.hash.equals(hash)) {
                    throw GuardDutyException.badRequest("The request is rejected because the nextToken does not belong "
                            + "to these findingCriteria and sortCriteria.");
                }
                return t;
            } catch (GuardDutyException e) {
                throw e;
            } catch (Exception e) {
                throw GuardDutyException.badRequest("The request is rejected because the nextToken is invalid.");
            }
        }
    }
}
