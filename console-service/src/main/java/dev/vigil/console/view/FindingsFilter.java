package dev.vigil.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Findings page's filter, sort and page, as query parameters: GuardDuty's console criteria turned into a
 * ListFindings request ({@code findingCriteria}, {@code sortCriteria}, {@code nextToken}). Values are passed to the
 * API as given, so the API validates them and its message is shown beside the form.
 *
 * @param severity a band name ({@link Severity}) or blank for all
 * @param type     a finding type (exact) or blank
 * @param resource an instance ID (exact) or blank
 * @param account  a 12-digit account ID or blank
 * @param status   {@code current} (not archived, the default), {@code archived} or {@code all}
 * @param since    {@code 24h}, {@code 7d}, {@code 30d}, {@code 90d} (updated within) or blank for any time
 * @param sort     {@code updatedAt} (default), {@code severity}, {@code type}, {@code accountId} or {@code service.count}
 * @param order    {@code DESC} (default) or {@code ASC}
 * @param page     the API's {@code nextToken} of the page to show, or blank for the first
 */
public record FindingsFilter(String severity, String type, String resource, String account, String status,
        String since, String sort, String order, String page) {

    /** The time ranges offered, by their parameter value. */
    public static final Map<String, Duration> RANGES = new LinkedHashMap<>();
    /** The sortable columns offered, by GuardDuty attribute name. */
    public static final Set<String> SORTS = Set.of("updatedAt", "severity", "type", "accountId", "service.count");

    static {
        RANGES.put("24h", Duration.ofHours(24));
        RANGES.put("7d", Duration.ofDays(7));
        RANGES.put("30d", Duration.ofDays(30));
        RANGES.put("90d", Duration.ofDays(90));
    }

    /** The filter with blanks for nulls and the defaults of status, sort and order. */
    public FindingsFilter {
        severity = clean(severity);
        type = clean(type);
        resource = clean(resource);
        account = clean(account);
        status = Set.of("archived", "all").contains(clean(status)) ? clean(status) : "current";
        since = RANGES.containsKey(clean(since)) ? clean(since) : "";
        sort = SORTS.contains(clean(sort)) ? clean(sort) : "updatedAt";
        order = "ASC".equals(clean(order)) ? "ASC" : "DESC";
        page = clean(page);
    }

    /**
     * GuardDuty's {@code findingCriteria} of this filter (also what a suppression rule made from it holds).
     *
     * @param now the time {@code since} counts back from
     */
    public ObjectNode criteria(Instant now) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode criteria = f.objectNode();
        ObjectNode c = criteria.putObject("criterion");
        Severity band = Severity.named(severity);
        if (band != null) {
            ObjectNode s = c.putObject("severity").put("gte", band.min());
            if (band != Severity.CRITICAL) {
                s.put("lt", band.below());
            }
        }
        if (!type.isEmpty()) {
            c.putObject("type").putArray("eq").add(type);
        }
        if (!resource.isEmpty()) {
            c.putObject("resource.instanceDetails.instanceId").putArray("eq").add(resource);
        }
        if (!account.isEmpty()) {
            c.putObject("accountId").putArray("eq").add(account);
        }
        if (!"all".equals(status)) {
            c.putObject("service.archived").putArray("eq").add(String.valueOf("archived".equals(status)));
        }
        if (!since.isEmpty()) {
            c.putObject("updatedAt").put("gte", now.minus(RANGES.get(since)).toEpochMilli());
        }
        return criteria;
    }

    /**
     * The filter whose rule criteria ({@link #ruleCriteria()}) are exactly {@code findingCriteria}, or null when they
     * use anything this filter cannot show: another field or operator, more than one value, a severity range that is
     * not one band. Numbers compare by value ({@code 7} equals {@code 7.0}).
     */
    public static FindingsFilter ofRule(JsonNode findingCriteria) {
        JsonNode c = findingCriteria == null ? null : findingCriteria.path("criterion");
        if (c == null || !c.isObject()) {
            return null;
        }
        String band = "";
        if (c.has("severity")) {
            JsonNode gte = c.path("severity").path("gte");
            for (Severity s : Severity.values()) {
                if (gte.isNumber() && gte.doubleValue() == s.min()) {
                    band = s.name();
                }
            }
        }
        FindingsFilter f = new FindingsFilter(band, only(c, "type"), only(c, "resource.instanceDetails.instanceId"),
                only(c, "accountId"), "all", "", "", "", "");
        return f.ruleCriteria().equals(SAME_VALUE, findingCriteria) ? f : null;
    }

    /**
     * The criteria of a suppression rule made from this filter: {@link #criteria} without status and time, as a rule
     * applies to every new finding, whenever it comes.
     */
    public ObjectNode ruleCriteria() {
        ObjectNode criteria = criteria(Instant.now());
        ((ObjectNode) criteria.path("criterion")).remove(List.of("service.archived", "updatedAt"));
        return criteria;
    }

    /** JSON leaves compared as values: numbers by their value, the rest as equal or not. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

    /** The single text value of {@code field}'s {@code eq} condition, or blank. */
    private static String only(JsonNode criterion, String field) {
        JsonNode eq = criterion.path(field).path("eq");
        return eq.isArray() && eq.size() == 1 && eq.get(0).isTextual() ? eq.get(0).asText() : "";
    }

    /** The ListFindings request of this filter's page ({@code maxResults} {@code pageSize}, 1 to 50). */
    public ObjectNode listRequest(Instant now, int pageSize) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("findingCriteria", criteria(now));
        body.putObject("sortCriteria").put("attributeName", sort).put("orderBy", order);
        body.put("maxResults", pageSize);
        if (!page.isEmpty()) {
            body.put("nextToken", page);
        }
        return body;
    }

    /** The query string of this filter on the page named by {@code nextToken} (blank: the first page). */
    public String query(String nextToken) {
        StringBuilder q = new StringBuilder();
        add(q, "severity", severity);
        add(q, "type", type);
        add(q, "resource", resource);
        add(q, "account", account);
        add(q, "status", status);
        add(q, "since", since);
        add(q, "sort", sort);
        add(q, "order", order);
        add(q, "page", nextToken == null ? "" : nextToken);
        return q.toString();
    }

    /** The query string of this filter's first page. */
    public String firstPage() {
        return query("");
    }

    /** Whether this is a later page (a "first page" link is shown). */
    public boolean paged() {
        return !page.isEmpty();
    }

    private static void add(StringBuilder q, String name, String value) {
        if (!value.isEmpty()) {
            q.append(q.isEmpty() ? "" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.trim();
    }
}
