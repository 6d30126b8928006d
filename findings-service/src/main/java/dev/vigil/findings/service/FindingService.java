package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import dev.vigil.events.model.FindingShapes;
import dev.vigil.findings.repository.AccountRepository;
import dev.vigil.findings.repository.Criteria;
import dev.vigil.findings.repository.Db;
import dev.vigil.findings.repository.FindingFields;
import dev.vigil.findings.repository.FindingRepository;
import dev.vigil.findings.repository.FindingSort;
import dev.vigil.findings.repository.FindingStatisticsQuery;
import dev.vigil.findings.repository.FindingStatisticsQuery.GroupBy;
import dev.vigil.findings.repository.ListFindingsQuery;
import dev.vigil.findings.repository.PageToken;
import dev.vigil.web.GuardDutyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

    /** ListFindings: {@code {"findingIds": [...], "nextToken": ...}} ({@link ListFindingsQuery}). */
    public ObjectNode list(String account, String region, String detectorId, JsonNode body) {
        int max = Requests.integer(body, "maxResults", 1, 50, 50);
        Criteria criteria = Criteria.compile(body.get("findingCriteria"));
        FindingSort sort = sort(body.get("sortCriteria"));
        String tokenText = Requests.string(body, "nextToken");
        String hash = PageToken.hash(Json.write(body.path("findingCriteria")) + "|" + sort);
        ListFindingsQuery.Page page = db.tx(c -> {
            requireDetector(c, account, region, detectorId);
            return ListFindingsQuery.page(c, AccountRepository.visibleAccounts(c, account), region, criteria, sort, hash,
                    tokenText, max);
        });
        ObjectNode out = JSON.objectNode();
        ArrayNode ids = out.putArray("findingIds");
        page.findingIds().forEach(ids::add);
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    /**
     * GuardDuty's {@code sortCriteria} ({@code {"attributeName": ..., "orderBy": "ASC"|"DESC"}}, may be null); the
     * default order is the order findings were first stored.
     */
    static FindingSort sort(JsonNode node) {
        if (node == null || node.isNull()) {
            return FindingSort.of(null, true, "seq");
        }
        if (!node.isObject()) {
            throw GuardDutyException.badRequest("sortCriteria must be an object.");
        }
        boolean asc = !"DESC".equals(Requests.oneOf(node, "orderBy", ORDER));
        return FindingSort.of(Requests.string(node, "attributeName"), asc, "seq");
    }

    /** GetFindings: {@code {"findings": [...]}} for the visible IDs among at most 50; unknown IDs are left out. */
    public ObjectNode get(String account, String region, String detectorId, JsonNode body) {
        List<String> ids = Requests.findingIds(body);
        JsonNode sortNode = body.get("sortCriteria");
        FindingSort sort = sortNode == null || sortNode.isNull() ? null : sort(sortNode);
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
        docs.forEach(d -> arr.add(FindingShapes.conform(d)));
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
        GroupBy by = groupBy == null ? null : GroupBy.valueOf(groupBy);
        boolean ascending = "ASC".equals(orderBy);
        ObjectNode stats = JSON.objectNode();
        db.tx(c -> {
            requireDetector(c, account, region, detectorId);
            List<String> accounts = AccountRepository.visibleAccounts(c, account);
            if (!types.isEmpty()) {
                ObjectNode bySeverity = stats.putObject("countBySeverity");
                FindingStatisticsQuery.countBySeverity(c, accounts, region, criteria)
                        .forEach(s -> bySeverity.put(Double.toString(s.severity()), s.count()));
            }
            if (by != null) {
                ArrayNode arr = stats.putArray(GROUP_MEMBERS.get(by));
                FindingStatisticsQuery.groups(c, accounts, region, criteria, by, ascending, max)
                        .forEach(g -> group(arr.addObject(), by, g));
            }
            return null;
        });
        ObjectNode out = JSON.objectNode();
        out.set("findingStatistics", stats);
        return out;
    }

    /** The member of {@code findingStatistics} that holds each grouping. */
    private static final Map<GroupBy, String> GROUP_MEMBERS = Map.of(GroupBy.ACCOUNT, "groupedByAccount",
            GroupBy.DATE, "groupedByDate", GroupBy.FINDING_TYPE, "groupedByFindingType",
            GroupBy.RESOURCE, "groupedByResource", GroupBy.SEVERITY, "groupedBySeverity");

    /** One group in GuardDuty's shape (AccountStatistics, DateStatistics, ...); times in epoch seconds. */
    private static void group(ObjectNode o, GroupBy by, FindingStatisticsQuery.Group g) {
        switch (by) {
            case ACCOUNT -> o.put("accountId", g.key());
            case DATE -> o.put("date", seconds(g.day()));
            case FINDING_TYPE -> o.put("findingType", g.key());
            case RESOURCE -> o.put("resourceId", g.key());
            case SEVERITY -> o.put("severity", g.severity());
        }
        o.put("totalFindings", g.totalFindings()).put("lastGeneratedAt", seconds(g.lastGeneratedAt()));
        if (by == GroupBy.DATE) {
            o.put("severity", g.severity());
        } else if (by == GroupBy.RESOURCE) {
            o.put("accountId", g.accountId()).put("resourceType", g.resourceType());
        }
    }

    private static double seconds(Instant t) {
        return t == null ? 0 : t.toEpochMilli() / 1000.0;
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
}
