package dev.vigil.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The user's GuardDuty API for one request: finds the user's detector once (ListDetectors) and passes it to the
 * findings operations. Every call carries the user's token ({@link UserToken}).
 */
@RequestScoped
public class Api {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final GuardDutyClient client;
    private String detectorId;

    Api(@RestClient GuardDutyClient client) {
        this.client = client;
    }

    /** The raw client, for the operations without a detector. */
    public GuardDutyClient client() {
        return client;
    }

    /**
     * The detector of the user's account in the default region.
     *
     * @throws NoDetectorException when the account has none (GuardDuty is not enabled)
     */
    public String detectorId() {
        if (detectorId == null) {
            JsonNode ids = client.listDetectors().path("detectorIds");
            if (ids.isEmpty()) {
                throw new NoDetectorException();
            }
            detectorId = ids.get(0).asText();
        }
        return detectorId;
    }

    /** ListFindings with GuardDuty's request {@code body}. */
    public JsonNode listFindings(ObjectNode body) {
        return client.listFindings(detectorId(), body);
    }

    /** GetFindings of at most 50 IDs, in the order given; IDs the user cannot see are left out by the API. */
    public List<JsonNode> getFindings(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        ObjectNode body = JSON.objectNode();
        ids.forEach(body.putArray("findingIds")::add);
        JsonNode found = client.getFindings(detectorId(), body).path("findings");
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        found.forEach(f -> byId.put(f.path("id").asText(), f));
        return ids.stream().filter(byId::containsKey).map(byId::get).toList();
    }

    /** GetFindingsStatistics with GuardDuty's request {@code body}: the {@code findingStatistics} member. */
    public JsonNode statistics(ObjectNode body) {
        return client.statistics(detectorId(), body).path("findingStatistics");
    }

    /** ArchiveFindings ({@code archived} true) or UnarchiveFindings of {@code ids}. */
    public void archive(List<String> ids, boolean archived) {
        ObjectNode body = JSON.objectNode();
        ids.forEach(body.putArray("findingIds")::add);
        if (archived) {
            client.archive(detectorId(), body);
        } else {
            client.unarchive(detectorId(), body);
        }
    }

    /** UpdateFindingsFeedback of {@code ids} with {@code feedback} ({@code USEFUL} or {@code NOT_USEFUL}). */
    public void feedback(List<String> ids, String feedback) {
        ObjectNode body = JSON.objectNode();
        ids.forEach(body.putArray("findingIds")::add);
        body.put("feedback", feedback);
        client.feedback(detectorId(), body);
    }

    /** The user's suppression rules and saved filters (GetFilter of each name ListFilters gives, at most 50). */
    public List<JsonNode> filters() {
        List<JsonNode> out = new java.util.ArrayList<>();
        client.listFilters(detectorId(), 50).path("filterNames").forEach(n -> out.add(client.getFilter(detectorId(), n.asText())));
        return out;
    }

    /** CreateFilter with GuardDuty's request {@code body}. */
    public void createFilter(ObjectNode body) {
        client.createFilter(detectorId(), body);
    }

    /** UpdateFilter {@code name} with GuardDuty's request {@code body} (the fields it has change). */
    public void updateFilter(String name, ObjectNode body) {
        client.updateFilter(detectorId(), name, body);
    }

    /** DeleteFilter {@code name}. */
    public void deleteFilter(String name) {
        client.deleteFilter(detectorId(), name);
    }

    /** How many findings (archived or not) match GuardDuty's {@code findingCriteria} now (GetFindingsStatistics). */
    public long countMatching(ObjectNode findingCriteria) {
        ObjectNode body = JSON.objectNode();
        body.set("findingCriteria", findingCriteria);
        body.putArray("findingStatisticTypes").add("COUNT_BY_SEVERITY");
        long[] total = {0};
        statistics(body).path("countBySeverity").forEach(n -> total[0] += n.asLong());
        return total[0];
    }

    /**
     * GetUsageStatistics of {@code type} ({@code SUM_BY_DATA_SOURCE}, {@code SUM_BY_ACCOUNT}, {@code TOP_RESOURCES})
     * over the data sources Vigil meters (flow, DNS and CloudTrail logs, S3 data events), last 30 days, at most 10
     * results: the {@code usageStatistics} member, each result with its cost and Vigil's {@code vigilAnalyzed}.
     */
    public JsonNode usage(String type) {
        ObjectNode body = JSON.objectNode().put("usageStatisticsType", type).put("maxResults", 10);
        body.putObject("usageCriteria").putArray("dataSources").add("FLOW_LOGS").add("CLOUD_TRAIL").add("DNS_LOGS").add("S3_LOGS");
        return client.usage(detectorId(), body).path("usageStatistics");
    }

    /** The free-trial days remaining of {@code account}, or -1 when the API gives none. */
    public int freeTrialDays(String account) {
        ObjectNode body = JSON.objectNode();
        body.putArray("accountIds").add(account);
        JsonNode days = client.freeTrial(detectorId(), body).findValue("freeTrialDaysRemaining");
        return days == null ? -1 : days.asInt();
    }

    /** One finding as ASFF or OCSF ({@code format} {@code asff} or {@code ocsf}). */
    public JsonNode render(String findingId, String format) {
        return client.render(detectorId(), findingId, format);
    }
}
