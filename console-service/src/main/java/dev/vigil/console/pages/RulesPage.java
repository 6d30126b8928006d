package dev.vigil.console.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.api.ApiException;
import dev.vigil.console.view.FindingsFilter;
import dev.vigil.console.view.RuleEdit;
import dev.vigil.console.view.RuleRow;
import dev.vigil.console.view.Severity;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Suppression rules ({@code /rules}): the account's filters (ListFilters, GetFilter), a new rule made from the
 * Findings page's current filter with the number of findings it matches now (GetFindingsStatistics) shown before
 * saving (CreateFilter), edit of a rule's description, action, rank and criteria (UpdateFilter with
 * {@code findingCriteria}; the criteria as the Findings filter's fields when the rule uses only what they show, else
 * as FindingCriteria JSON) with a "Preview matches" count before saving, and delete (DeleteFilter). Creating, editing
 * and deleting are for administrators; the API decides.
 */
@Path("/rules")
public class RulesPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(List<RuleRow> rules, FindingsFilter filter, String criteria, long matching,
                RuleForm form, String notice, ApiError error, Severity[] bands);

        static native TemplateInstance preview(long matching, ApiError error);
    }

    /** Criteria the console refuses before the API sees them (not JSON, not an object); the message names why. */
    static class BadCriteria extends Exception {
        BadCriteria(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

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
                : "deleted".equals(notice) ? "Deleted the rule." : null, null, null);
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
        body.set("findingCriteria", filter.ruleCriteria());
        try {
            api.createFilter(body);
        } catch (ApiException e) {
            return render(filter, form, null, null, ApiError.of(e, ApiError.fieldIn(e.getMessage(), "criteria", "rank", "description", "action", "name")));
        }
        return Response.seeOther(URI.create("/rules?notice=created")).build();
    }

    /**
     * UpdateFilter {@code name}: its description, action and rank as the row's edit form gives them, and its
     * {@code findingCriteria} from the filter's fields ({@code criteriaAs} {@code fields}) or the JSON textarea
     * ({@code criteriaAs} {@code json}: {@code findingCriteria}); without {@code criteriaAs} none are sent, so they
     * stay. Criteria that are not a JSON object are refused here, beside the textarea; the API's refusal of a
     * criterion is shown beside the criteria field it names (or the textarea), any other refusal above the rules; the
     * form stays open with its values and nothing is saved.
     */
    @POST
    @Path("/update")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response update(@RestForm String name, @RestForm String description, @RestForm String action,
            @RestForm String rank, @RestForm String criteriaAs, @RestForm String severity, @RestForm String type,
            @RestForm String resource, @RestForm String account, @RestForm String findingCriteria) {
        RuleForm form = form(name, description, action, rank);
        // a form without criteriaAs (an older page) sends no criteria, so they stay
        RuleEdit edit = criteriaAs == null ? null
                : edit(form, criteriaAs, severity, type, resource, account, findingCriteria);
        ObjectNode body = settings(form);
        try {
            if (edit != null) {
                body.set("findingCriteria", criteria(edit));
            }
            api.updateFilter(form.name(), body);
        } catch (BadCriteria e) {
            return renderEdit(edit, new ApiError("findingCriteria", e.getMessage()));
        } catch (ApiException e) {
            return renderEdit(edit, ApiError.of(e, edit == null ? "update" : criteriaField(e.getMessage(), edit)));
        }
        return Response.seeOther(URI.create("/rules?notice=updated")).build();
    }

    /**
     * How many findings the edit form's criteria match now (GetFindingsStatistics), nothing saved: for htmx
     * ({@code HX-Request}) the {@code preview} fragment, else the page with the form open and the count in it. Bad
     * criteria: their message instead of a count (HTTP 200 for htmx, so it is swapped in; the page with the error's
     * status otherwise).
     */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response preview(@HeaderParam("HX-Request") String htmx, @RestForm String name, @RestForm String description,
            @RestForm String action, @RestForm String rank, @RestForm String criteriaAs, @RestForm String severity,
            @RestForm String type, @RestForm String resource, @RestForm String account,
            @RestForm String findingCriteria) {
        RuleEdit edit = edit(form(name, description, action, rank), criteriaAs, severity, type, resource, account,
                findingCriteria);
        long matching = -1;
        ApiError error = null;
        try {
            matching = api.countMatching(criteria(edit));
        } catch (BadCriteria e) {
            error = new ApiError("findingCriteria", e.getMessage());
        } catch (ApiException e) {
            error = ApiError.of(e, criteriaField(e.getMessage(), edit));
        }
        if ("true".equals(htmx)) {
            return Response.ok(Templates.preview(matching, error), MediaType.TEXT_HTML_TYPE).build();
        }
        return renderEdit(edit.withMatching(matching), error);
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

    /** The edit form's values, open: the criteria as fields unless {@code criteriaAs} is {@code json}. */
    private static RuleEdit edit(RuleForm form, String criteriaAs, String severity, String type, String resource,
            String account, String findingCriteria) {
        boolean json = "json".equals(criteriaAs);
        return new RuleEdit(form.name(), form.description(), form.action(), form.rank(),
                json ? null : new FindingsFilter(severity, type, resource, account, "all", "", "", "", ""),
                findingCriteria == null ? "" : findingCriteria, true, -1);
    }

    /** The edit form's {@code findingCriteria}: the fields' rule criteria, or the textarea's JSON object as given. */
    private static ObjectNode criteria(RuleEdit edit) throws BadCriteria {
        if (edit.filter() != null) {
            return edit.filter().ruleCriteria();
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(edit.json());
        } catch (JsonProcessingException e) {
            // Jackson's message without its parser detail ("(start marker at [Source: ...])") and later lines
            String why = e.getOriginalMessage().split("\n", 2)[0].replaceAll("\\s*\\(start marker at .*$", "");
            throw new BadCriteria("The criteria are not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + why);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new BadCriteria("The criteria must be a JSON object: {\"criterion\": {\"field\": {\"operator\": ...}}}.");
        }
        return (ObjectNode) parsed;
    }

    /**
     * Where the API's refusal of an update goes: a message about the criteria beside the filter field it names (the
     * criteria fields as a whole when none) or beside the JSON textarea; any other above the rules.
     */
    private static String criteriaField(String message, RuleEdit edit) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (!m.contains("criteri") && !m.contains("operator")) {
            return "update";
        }
        return edit.filter() == null ? "findingCriteria" : ApiError.filterField(message);
    }

    private Response render(FindingsFilter filter, RuleForm form, String notice, RuleEdit edited, ApiError error) {
        List<RuleRow> rules = api.filters().stream().map(RuleRow::of)
                .map(r -> edited != null && r.name().equals(edited.name()) ? r.withEdit(edited) : r).toList();
        ObjectNode criteria = filter.ruleCriteria();
        long matching = api.countMatching(criteria);
        return Response.status(error == null ? 200 : error.status())
                .entity(Templates.rules(rules, filter, criteria.path("criterion").toString(), matching, form, notice,
                        error, Severity.values()))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    /** The page with the rule's edit form {@code edit} open, and {@code error} (or none) beside its field. */
    private Response renderEdit(RuleEdit edit, ApiError error) {
        FindingsFilter none = new FindingsFilter("", "", "", "", "all", "", "", "", "");
        return render(none, new RuleForm("", "", "ARCHIVE", ""), null, edit, error);
    }
}
