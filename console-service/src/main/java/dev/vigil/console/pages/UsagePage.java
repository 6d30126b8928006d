package dev.vigil.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.view.UsageRow;
import dev.vigil.console.view.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage ({@code /usage}): the records and bytes analysed and the estimated cost of the last 30 days by data source,
 * by account (an administrator's members too) and for the top 10 resources by cost, at the prices the API applies
 * (GetUsageStatistics with Vigil's {@code vigilAnalyzed} member), and the free-trial days remaining
 * (GetRemainingFreeTrialDays).
 */
@Path("/usage")
public class UsagePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance usage(List<UsageRow> dataSources, List<UsageRow> accounts, List<UsageRow> resources,
                int freeTrialDays);
    }

    private final Api api;
    private final CurrentUser user;

    UsagePage(Api api, CurrentUser user) {
        this.api = api;
        this.user = user;
    }

    /** The page. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show() {
        return Templates.usage(rows("SUM_BY_DATA_SOURCE", "sumByDataSource", "dataSource"),
                rows("SUM_BY_ACCOUNT", "sumByAccount", "accountId"), rows("TOP_RESOURCES", "topResources", "resource"),
                api.freeTrialDays(user.account()));
    }

    private List<UsageRow> rows(String type, String member, String key) {
        List<UsageRow> out = new ArrayList<>();
        for (JsonNode r : api.usage(type).path(member)) {
            out.add(UsageRow.of(r, key));
        }
        return out;
    }
}
