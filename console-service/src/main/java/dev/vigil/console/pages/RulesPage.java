package dev.vigil.console.pages;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.api.ApiException;
import dev.vigil.console.view.FindingsFilter;
import dev.vigil.console.view.RuleRow;
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
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Suppression rules ({@code /rules}): the account's filters (ListFilters, GetFilter), a new rule made from the
 * Findings page's current filter with the number of findings it matches now (GetFindingsStatistics) shown before
 * saving (CreateFilter), edit of a rule's description, action and rank (UpdateFilter; its criteria stay), and delete
 * (DeleteFilter). Creating, editing and deleting are for administrators; the API decides.
 */
@Path("/rules")
public class RulesPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(List<RuleRow> rules, FindingsFilter filter, String criteria, long matching,
                RuleForm form, String notice, ApiError error);
    }

    /** The values of the new-rule form, kept when the API refuses them. */
    public record RuleForm(String name, String description, String action, String rank) {
    }

    private final Api api;

    RulesPage(Api api) {
        this.api = api;
    }

    /** The rules, and the new-rule form for the filter given as the Findings page's query parameters. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@RestQuery String severity, @RestQuery String type, @RestQuery String resource,
            @RestQuery String account, @RestQuery String notice) {
        FindingsFilter filter = new FindingsFilter(severity, type, resource, account, "all", "", "", "", "");
        return render(filter, new RuleForm("", "", "ARCHIVE", ""), "created".equals(notice) ? "Saved the rule."
                : "updated".equals(notice) ? "Updated the rule."
                : "deleted".equals(notice) ? "Deleted the rule." : null, null);
    }

    /** CreateFilter from the form; the API's message beside the field it names when it refuses. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@RestForm String name, @RestForm String description, @RestForm String action,
            @RestForm String rank, @RestForm String severity, @RestForm String type, @RestForm String resource,
            @RestForm String account) {
        FindingsFilter filter = new FindingsFilter(severity, type, resource, account, "all", "", "", "", "");
        RuleForm form = form(name, description, action, rank);
        ObjectNode body = settings(form).put("name", form.name());
        body.set("findingCriteria", ruleCriteria(filter));
        try {
            api.createFilter(body);
        } catch (ApiException e) {
            return render(filter, form, null, ApiError.of(e, ApiError.fieldIn(e.getMessage(), "criteria", "rank", "description", "action", "name")));
        }
        return Response.seeOther(URI.create("/rules?notice=created")).build();
    }

    /**
     * UpdateFilter {@code name}: its description, action and rank as the row's edit form gives them; the criteria are
     * not sent, so they stay. The API's message when it refuses, above the rules.
     */
    @POST
    @Path("/update")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response update(@RestForm String name, @RestForm String description, @RestForm String action,
            @RestForm String rank) {
        RuleForm form = form(name, description, action, rank);
        try {
            api.updateFilter(form.name(), settings(form));
        } catch (ApiException e) {
            FindingsFilter none = new FindingsFilter("", "", "", "", "all", "", "", "", "");
            return render(none, new RuleForm("", "", "ARCHIVE", ""), null, ApiError.of(e, "update"));
        }
        return Response.seeOther(URI.create("/rules?notice=updated")).build();
    }

    /** DeleteFilter {@code name}. */
    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@RestForm String name) {
        api.deleteFilter(name == null ? "" : name);
        return Response.seeOther(URI.create("/rules?notice=deleted")).build();
    }

    private static RuleForm form(String name, String description, String action, String rank) {
        return new RuleForm(name == null ? "" : name, description == null ? "" : description,
                "NOOP".equals(action) ? "NOOP" : "ARCHIVE", rank == null ? "" : rank.trim());
    }

    /** The request fields a create and an update share: action, and description and rank when given. */
    private static ObjectNode settings(RuleForm form) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("action", form.action());
        if (!form.description().isBlank()) {
            body.put("description", form.description());
        }
        if (!form.rank().isEmpty()) {
            if (form.rank().matches("-?[0-9]{1,9}")) {
                body.put("rank", Integer.parseInt(form.rank()));
            } else {
                body.put("rank", form.rank()); // the API names the field in its refusal
            }
        }
        return body;
    }

    private Response render(FindingsFilter filter, RuleForm form, String notice, ApiError error) {
        List<RuleRow> rules = api.filters().stream().map(RuleRow::of).toList();
        ObjectNode criteria = ruleCriteria(filter);
        long matching = api.countMatching(criteria);
        return Response.status(error == null ? 200 : error.status())
                .entity(Templates.rules(rules, filter, criteria.path("criterion").toString(), matching, form, notice, error))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    /** The filter's criteria without status and time: a rule applies to every new finding, whenever it comes. */
    private static ObjectNode ruleCriteria(FindingsFilter filter) {
        ObjectNode criteria = filter.criteria(Instant.now());
        ((ObjectNode) criteria.path("criterion")).remove(List.of("service.archived", "updatedAt"));
        return criteria;
    }
}
