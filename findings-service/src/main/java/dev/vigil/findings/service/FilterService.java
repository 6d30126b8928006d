package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import dev.vigil.findings.repository.Criteria;
import dev.vigil.findings.repository.Db;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.tags.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * GuardDuty filters (CreateFilter, GetFilter, UpdateFilter, DeleteFilter, ListFilters) per account and region:
 * action NOOP or ARCHIVE (ARCHIVE = suppression rule: matching new findings are archived at once and never
 * exported), rank 1 to 100, at most 100 filters per account and region (GuardDuty's quota), criteria validated
 * like ListFindings'.
 */
@ApplicationScoped
public class FilterService {

    /** GuardDuty's quota of filters per account per region. */
    public static final int MAX_FILTERS = 100;
    private static final Set<String> ACTIONS = Set.of("NOOP", "ARCHIVE");

    private final Db db;

    public FilterService(Db db) {
        this.db = db;
    }

    private static String name(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{3,64}")) {
            throw GuardDutyException.badRequest("The request is rejected because the filter name must be 3 to 64 "
                    + "characters: letters, digits, '.', '-' and '_'.");
        }
        return name;
    }

    private static String description(JsonNode body) {
        String d = Requests.string(body, "description");
        if (d != null && d.length() > 512) {
            throw GuardDutyException.badRequest("The request is rejected because the description exceeds 512 characters.");
        }
        return d;
    }

    private static JsonNode criteria(JsonNode body, boolean required) {
        JsonNode c = body.get("findingCriteria");
        if (c == null || c.isNull()) {
            if (required) {
                throw GuardDutyException.badRequest("The request is rejected because findingCriteria is required.");
            }
            return null;
        }
        if (Criteria.compile(c) == Criteria.NONE) {
            throw GuardDutyException.badRequest("The request is rejected because findingCriteria has no criterion.");
        }
        return c;
    }

    /** CreateFilter: {@code {"name": ...}}. */
    public ObjectNode create(String account, String region, String detectorId, JsonNode body) {
        String name = name(Requests.string(body, "name"));
        String description = description(body);
        String action = Requests.oneOf(body, "action", ACTIONS);
        JsonNode criteria = criteria(body, true);
        Map<String, String> tags = Tags.forCreate(body.get("tags"));
        return db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            int count = count(c, account, region);
            if (count >= MAX_FILTERS) {
                throw GuardDutyException.badRequest("The request is rejected because the account already has "
                        + MAX_FILTERS + " filters in this region.");
            }
            int rank = Requests.integer(body, "rank", 1, MAX_FILTERS, Math.min(count + 1, MAX_FILTERS));
            int inserted = Db.update(c, "insert into finding_filter (account_id, region, name, description, action, rank, "
                    + "criteria, tags, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now(), now()) "
                    + "on conflict do nothing", account, region, name, description, action == null ? "NOOP" : action, rank,
                    Json.write(criteria), Json.write(tags));
            if (inserted == 0) {
                throw GuardDutyException.badRequest("The request is rejected because a filter named " + name
                        + " already exists.");
            }
            return JsonNodeFactory.instance.objectNode().put("name", name);
        });
    }

    private static int count(Connection c, String account, String region) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from finding_filter where account_id = ? and region = ?")) {
            ps.setString(1, account);
            ps.setString(2, region);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static GuardDutyException missing(String name) {
        return GuardDutyException.badRequest("The request is rejected because the input filterName " + name
                + " does not exist.");
    }

    /** GetFilter. */
    public ObjectNode get(String account, String region, String detectorId, String name) {
        return db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            try (PreparedStatement ps = c.prepareStatement("select name, description, action, rank, criteria::text, "
                    + "tags::text, created_at, updated_at, version from finding_filter where account_id = ? and region = ? "
                    + "and name = ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw missing(name);
                    }
                    ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", rs.getString(1));
                    if (rs.getString(2) != null) {
                        out.put("description", rs.getString(2));
                    }
                    out.put("action", rs.getString(3)).put("rank", rs.getInt(4));
                    out.set("findingCriteria", Json.read(rs.getString(5), JsonNode.class));
                    if (rs.getString(6) != null) {
                        out.set("tags", Json.read(rs.getString(6), JsonNode.class));
                    }
                    out.put("createdAt", rs.getTimestamp(7).getTime() / 1000.0);
                    out.put("updatedAt", rs.getTimestamp(8).getTime() / 1000.0);
                    out.put("version", rs.getInt(9));
                    return out;
                }
            }
        });
    }

    /** UpdateFilter: changes the given members only. */
    public ObjectNode update(String account, String region, String detectorId, String name, JsonNode body) {
        String description = description(body);
        String action = Requests.oneOf(body, "action", ACTIONS);
        Integer rank = body.hasNonNull("rank") ? Requests.integer(body, "rank", 1, MAX_FILTERS, 1) : null;
        JsonNode criteria = criteria(body, false);
        return db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            int n = Db.update(c, "update finding_filter set description = coalesce(?, description), "
                    + "action = coalesce(?, action), rank = coalesce(?, rank), criteria = coalesce(?::jsonb, criteria), "
                    + "updated_at = now(), version = version + 1 where account_id = ? and region = ? and name = ?",
                    description, action, rank, criteria == null ? null : Json.write(criteria), account, region, name);
            if (n == 0) {
                throw missing(name);
            }
            return JsonNodeFactory.instance.objectNode().put("name", name);
        });
    }

    /** DeleteFilter. */
    public void delete(String account, String region, String detectorId, String name) {
        db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            if (Db.update(c, "delete from finding_filter where account_id = ? and region = ? and name = ?",
                    account, region, name) == 0) {
                throw missing(name);
            }
            return null;
        });
    }

    /** ListFilters: names by rank, {@code maxResults} 1 to 50, opaque {@code nextToken}. */
    public ObjectNode list(String account, String region, String detectorId, Integer maxResults, String nextToken) {
        int max = maxResults == null ? 50 : maxResults;
        if (max < 1 || max > 50) {
            throw GuardDutyException.badRequest("The request is rejected because the maxResults must be between 1 and 50.");
        }
        int offset = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8)
                        .substring(2));
            } catch (RuntimeException e) {
                throw GuardDutyException.badRequest("The request is rejected because the nextToken is invalid.");
            }
        }
        int from = offset;
        return db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ArrayNode names = out.putArray("filterNames");
            try (PreparedStatement ps = c.prepareStatement("select name from finding_filter where account_id = ? and "
                    + "region = ? order by rank, name offset ? limit ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setInt(3, from);
                ps.setInt(4, max + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        if (n++ == max) {
                            out.put("nextToken", Base64.getUrlEncoder().withoutPadding()
                                    .encodeToString(("f:" + (from + max)).getBytes(StandardCharsets.UTF_8)));
                            break;
                        }
                        names.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }
}
