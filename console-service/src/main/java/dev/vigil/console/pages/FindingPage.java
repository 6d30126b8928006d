package dev.vigil.console.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.view.FindingRow;
import dev.vigil.console.view.Flattened;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * A finding's detail ({@code /findings/{id}}): the overview, resource, action (remote IP with country and
 * organisation when GeoIP is configured, ports), additional info, evidence, the attack sequence's signals, the JSON,
 * and downloads as GuardDuty JSON, ASFF or OCSF. A finding the user cannot see (another tenant's) is "not found",
 * exactly like a missing one: the API leaves both out of GetFindings.
 */
@Path("/findings/{id}")
public class FindingPage {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> FORMATS = Set.of("json", "asff", "ocsf");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance finding(FindingRow finding, String description, List<Flattened> sections,
                String json);
    }

    private final Api api;

    FindingPage(Api api) {
        this.api = api;
    }

    /** The page, or 404 "not found". */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@PathParam("id") String id) throws JsonProcessingException {
        JsonNode f = find(id);
        JsonNode service = f.path("service");
        List<Flattened> sections = List.of(
                Flattened.of("Resource affected", f.path("resource")),
                Flattened.of("Action", service.path("action")),
                Flattened.of("Attack sequence", service.path("detection")),
                Flattened.of("Additional information", service.path("additionalInfo")),
                Flattened.of("Evidence", service.path("evidence")),
                Flattened.of("Detection", service.isObject()
                        ? ((ObjectNode) service.deepCopy()).without(List.of("action", "detection", "additionalInfo", "evidence"))
                        : service));
        return Templates.finding(FindingRow.of(f), f.path("description").asText(""),
                sections.stream().filter(s -> !s.isEmpty()).toList(), JSON.writeValueAsString(f));
    }

    /** The finding as a file: {@code json} (GuardDuty's shape), {@code asff} or {@code ocsf} (the API's exports). */
    @GET
    @Path("/download/{format}")
    public Response download(@PathParam("id") String id, @PathParam("format") String format) throws JsonProcessingException {
        if (!FORMATS.contains(format)) {
            throw new NotFoundException();
        }
        JsonNode f = find(id);
        JsonNode body = "json".equals(format) ? f : api.render(id, format);
        return Response.ok(JSON.writeValueAsString(body), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + safe(id) + "-" + format + ".json\"").build();
    }

    private JsonNode find(String id) {
        List<JsonNode> found = api.getFindings(List.of(id));
        if (found.isEmpty()) {
            throw new NotFoundException("Finding " + id + " was not found.");
        }
        return found.get(0);
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
