package dev.vigil.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.view.BarChart;
import dev.vigil.console.view.Count;
import dev.vigil.console.view.CurrentUser;
import dev.vigil.console.view.FindingRow;
import dev.vigil.console.view.Severity;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Summary page ({@code /}): current findings by severity band, findings per day over the last two weeks (an SVG
 * bar chart), top finding types and resources, the most recent High and Critical findings and, for an administrator,
 * findings per member account. Everything comes from GetFindingsStatistics and ListFindings/GetFindings.
 */
@Path("/")
public class SummaryPage {

    /** Days shown in the chart. */
    static final int DAYS = 14;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance summary(List<Count> bands, long total, BarChart chart, List<Count> types,
                List<Count> resources, List<Count> accounts, List<FindingRow> recent);
    }

    private final Api api;
    private final CurrentUser user;

    SummaryPage(Api api, CurrentUser user) {
        this.api = api;
        this.user = user;
    }

    /** The page. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance summary() {
        Map<Severity, Long> byBand = new EnumMap<>(Severity.class);
        api.statistics(countRequest()).path("countBySeverity")
                .fields().forEachRemaining(e -> byBand.merge(Severity.of(Double.parseDouble(e.getKey())), e.getValue().asLong(), Long::sum));
        List<Count> bands = new ArrayList<>();
        long total = 0;
        for (Severity s : Severity.values()) {
            long n = byBand.getOrDefault(s, 0L);
            total += n;
            bands.add(new Count(s.label(), n, s.css()));
        }
        List<Count> types = groups("FINDING_TYPE", "groupedByFindingType", "findingType", 5);
        List<Count> resources = groups("RESOURCE", "groupedByResource", "resourceId", 5);
        List<Count> accounts = user.admin() ? groups("ACCOUNT", "groupedByAccount", "accountId", 25) : List.of();
        return Templates.summary(bands, total, BarChart.of(days()), types, resources, accounts, recent());
    }

    private ObjectNode countRequest() {
        ObjectNode body = request(null);
        body.putArray("findingStatisticTypes").add("COUNT_BY_SEVERITY");
        return body;
    }

    /** A statistics request on current (not archived) findings, with {@code groupBy} when given. */
    private static ObjectNode request(String groupBy) {
        ObjectNode body = JSON.objectNode();
        body.putObject("findingCriteria").putObject("criterion").putObject("service.archived").putArray("eq").add("false");
        if (groupBy != null) {
            body.put("groupBy", groupBy).put("orderBy", "DESC");
        }
        return body;
    }

    private List<Count> groups(String groupBy, String member, String key, int max) {
        ObjectNode body = request(groupBy).put("maxResults", max);
        List<Count> out = new ArrayList<>();
        api.statistics(body).path(member).forEach(g -> out.add(new Count(g.path(key).asText(), g.path("totalFindings").asLong(), "")));
        return out;
    }

    /** Findings per day (by last update) over the last {@link #DAYS} days, days without findings as 0. */
    private List<Count> days() {
        ObjectNode body = request("DATE").put("maxResults", 100);
        long from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(DAYS - 1, ChronoUnit.DAYS).toEpochMilli();
        ((ObjectNode) body.path("findingCriteria").path("criterion")).putObject("updatedAt").put("gte", from);
        Map<LocalDate, Long> perDay = new TreeMap<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int i = DAYS - 1; i >= 0; i--) {
            perDay.put(today.minusDays(i), 0L);
        }
        for (JsonNode g : api.statistics(body).path("groupedByDate")) {
            LocalDate day = Instant.ofEpochMilli((long) (g.path("date").asDouble() * 1000)).atZone(ZoneOffset.UTC).toLocalDate();
            perDay.computeIfPresent(day, (d, n) -> n + g.path("totalFindings").asLong());
        }
        List<Count> out = new ArrayList<>();
        perDay.forEach((d, n) -> out.add(new Count(d.toString().substring(5), n, "")));
        return out;
    }

    /** The ten most recently updated current High and Critical findings. */
    private List<FindingRow> recent() {
        ObjectNode body = request(null);
        ((ObjectNode) body.path("findingCriteria").path("criterion")).putObject("severity").put("gte", Severity.HIGH.min());
        body.putObject("sortCriteria").put("attributeName", "updatedAt").put("orderBy", "DESC");
        body.put("maxResults", 10);
        List<String> ids = new ArrayList<>();
        api.listFindings(body).path("findingIds").forEach(id -> ids.add(id.asText()));
        return api.getFindings(ids).stream().map(FindingRow::of).toList();
    }
}
