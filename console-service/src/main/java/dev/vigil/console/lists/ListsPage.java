package dev.vigil.console.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.api.ApiException;
import dev.vigil.console.pages.ApiError;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Lists ({@code /lists}): trusted IP lists (IP sets), threat IP lists (threat intel sets) and threat/trusted entity
 * lists with their status (List and Get of each kind); create from a location (name, format, location, activate),
 * activate or deactivate (Update), delete. Changes are for administrators; the API decides, and its refusal is shown
 * beside the field it names.
 */
@Path("/lists")
public class ListsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance lists(List<ListRow> lists, ListKind[] kinds, List<String> formats, ListForm form,
                String notice, ApiError error);
    }

    /** The values of the new-list form, kept when the API refuses them. */
    public record ListForm(String kind, String name, String format, String location, boolean activate) {
    }

    private static final Map<String, String> NOTICES = Map.of("created", "Created the list.", "activated",
            "Activating the list.", "deactivated", "Deactivating the list.", "deleted", "Deleted the list.");

    /** The formats GuardDuty accepts for a list (CreateIPSet's {@code format}). */
    private static final List<String> FORMATS = List.of("TXT", "STIX", "OTX_CSV", "ALIEN_VAULT", "PROOF_POINT", "FIRE_EYE");

    private final Api api;
    private final ListsClient lists;

    ListsPage(Api api, @RestClient ListsClient lists) {
        this.api = api;
        this.lists = lists;
    }

    /** Every list of every kind (first page of each). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@RestQuery String notice) {
        return render(new ListForm("ipset", "", "TXT", "", true), notice == null ? null : NOTICES.get(notice), null);
    }

    /** Create a list of {@code kind} from {@code location}; the API's refusal beside the field it names. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@RestForm String kind, @RestForm String name, @RestForm String format,
            @RestForm String location, @RestForm String activate) {
        ListForm form = new ListForm(kind, trim(name), trim(format), trim(location), activate != null);
        ListKind k = kind(kind);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", form.name()).put("format", form.format())
                .put("location", form.location()).put("activate", form.activate());
        try {
            lists.create(api.detectorId(), k.path, body);
        } catch (ApiException e) {
            return render(form, null, ApiError.of(e, ApiError.fieldIn(e.getMessage(), "location", "format", "location", "name")));
        }
        return seeOther("created");
    }

    /** Activate ({@code activate=true}) or deactivate a list (Update). */
    @POST
    @Path("/{kind}/{id}/activation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activation(@jakarta.ws.rs.PathParam("kind") String kind, @jakarta.ws.rs.PathParam("id") String id,
            @RestForm boolean activate) {
        lists.update(api.detectorId(), kind(kind).path, id, JsonNodeFactory.instance.objectNode().put("activate", activate));
        return seeOther(activate ? "activated" : "deactivated");
    }

    /** Delete a list. */
    @POST
    @Path("/{kind}/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@jakarta.ws.rs.PathParam("kind") String kind, @jakarta.ws.rs.PathParam("id") String id) {
        lists.delete(api.detectorId(), kind(kind).path, id);
        return seeOther("deleted");
    }

    private Response render(ListForm form, String notice, ApiError error) {
        List<ListRow> rows = new ArrayList<>();
        for (ListKind k : ListKind.values()) {
            lists.list(api.detectorId(), k.path).path(k.idsMember)
                    .forEach(id -> rows.add(ListRow.of(k, id.asText(), lists.get(api.detectorId(), k.path, id.asText()))));
        }
        return Response.status(error == null ? 200 : error.status())
                .entity(Templates.lists(rows, ListKind.values(), FORMATS, form, notice, error)).type(MediaType.TEXT_HTML_TYPE).build();
    }

    private static ListKind kind(String path) {
        return ListKind.ofPath(path == null ? "" : path).orElseThrow(() -> new NotFoundException("no such kind of list"));
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static Response seeOther(String notice) {
        return Response.seeOther(URI.create("/lists?notice=" + notice)).build();
    }
}
