package dev.vigil.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.api.ApiException;
import dev.vigil.console.view.FindingRow;
import dev.vigil.console.view.FindingsFilter;
import dev.vigil.console.view.Severity;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The Findings page ({@code /findings}): GuardDuty's findings table with its filter criteria, sort and paging by the
 * API's {@code nextToken} (one ListFindings and one GetFindings per page, whatever the total), and the actions on
 * selected findings: archive and unarchive (administrators; the API decides) and feedback useful / not useful.
 */
@Path("/findings")
public class FindingsPage {

    /** What an action did, by the {@code notice} code of the redirect after it. */
    static final Map<String, String> NOTICES = Map.of("archive", "Archived the selected findings.",
            "unarchive", "Unarchived the selected findings.", "USEFUL", "Marked the selected findings useful.",
            "NOT_USEFUL", "Marked the selected findings not useful.");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance findings(FindingsFilter filter, List<FindingRow> rows, String nextToken,
                String notice, ApiError error, Severity[] bands);
    }

    private final Api api;
    private final int pageSize;

    FindingsPage(Api api, @ConfigProperty(name = "vigil.console.page-size", defaultValue = "25") int pageSize) {
        this.api = api;
        this.pageSize = pageSize;
    }

    /** One page of findings matching the query parameters (see {@link FindingsFilter}). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@RestQuery String severity, @RestQuery String type, @RestQuery String resource,
            @RestQuery String account, @RestQuery String status, @RestQuery String since, @RestQuery String sort,
            @RestQuery String order, @RestQuery String page, @RestQuery String notice) {
        FindingsFilter filter = new FindingsFilter(severity, type, resource, account, status, since, sort, order, page);
        return render(filter, NOTICES.get(notice == null ? "" : notice), null);
    }

    /**
     * An action on the selected findings ({@code id}, repeated): {@code archive}, {@code unarchive}, {@code USEFUL}
     * or {@code NOT_USEFUL}; then back to the same filter (303), or the page again with the API's error.
     */
    @POST
    @Path("/selected")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response act(@RestForm List<String> id, @RestForm String action, @RestForm String severity,
            @RestForm String type, @RestForm String resource, @RestForm String account, @RestForm String status,
            @RestForm String since, @RestForm String sort, @RestForm String order, @RestForm String page) {
        FindingsFilter filter = new FindingsFilter(severity, type, resource, account, status, since, sort, order, page);
        List<String> ids = id == null ? List.of() : id;
        if (ids.isEmpty() || !NOTICES.containsKey(action == null ? "" : action)) {
            return render(filter, null, new ApiError("id", "Select at least one finding, then an action."));
        }
        try {
            switch (action) {
                case "archive", "unarchive" -> api.archive(ids, "archive".equals(action));
                default -> api.feedback(ids, action);
            }
        } catch (ApiException e) {
            return render(filter, null, ApiError.of(e, "id"));
        }
        return Response.seeOther(URI.create("/findings?" + filter.query(filter.page()) + "&notice=" + action)).build();
    }

    private Response render(FindingsFilter filter, String notice, ApiError failed) {
        List<FindingRow> rows = new ArrayList<>();
        String next = "";
        ApiError error = failed;
        try {
            JsonNode page = api.listFindings(filter.listRequest(Instant.now(), pageSize));
            List<String> ids = new ArrayList<>();
            page.path("findingIds").forEach(i -> ids.add(i.asText()));
            api.getFindings(ids).forEach(f -> rows.add(FindingRow.of(f)));
            next = page.path("nextToken").asText("");
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            error = ApiError.of(e, ApiError.filterField(e.getMessage()));
        }
        int status = error == null ? 200 : error.status();
        return Response.status(status).entity(Templates.findings(filter, rows, next, notice, error, Severity.values()))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }
}
