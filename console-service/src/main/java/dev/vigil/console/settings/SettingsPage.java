package dev.vigil.console.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.api.ApiException;
import dev.vigil.console.pages.ApiError;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Settings ({@code /settings}): the detector's status and finding publishing frequency (GetDetector, UpdateDetector),
 * publishing destinations (list, create an S3 destination, delete) and Vigil's log sources with their status (read
 * only). Changes are for administrators; the API decides, and its refusal is shown beside the field it names.
 */
@Path("/settings")
public class SettingsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(String status, String frequency, List<String> frequencies,
                List<Map<String, String>> destinations, List<Map<String, String>> sources, String destinationArn,
                String kmsKeyArn, String sourcesError, String notice, ApiError error);
    }

    /** GuardDuty's FindingPublishingFrequency values. */
    private static final List<String> FREQUENCIES = List.of("FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS");
    private static final Map<String, String> NOTICES = Map.of("detector", "Saved the detector settings.",
            "created", "Created the publishing destination.", "deleted", "Deleted the publishing destination.");

    private final Api api;
    private final SettingsClient settings;

    SettingsPage(Api api, @RestClient SettingsClient settings) {
        this.api = api;
        this.settings = settings;
    }

    /** The detector, its destinations and log sources. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@RestQuery String notice) {
        return render("", "", notice == null ? null : NOTICES.get(notice), null);
    }

    /** UpdateDetector: {@code enable} ({@code true}/{@code false}) and {@code findingPublishingFrequency}. */
    @POST
    @Path("/detector")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response detector(@RestForm String enable, @RestForm String findingPublishingFrequency) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("enable", "true".equals(enable))
                .put("findingPublishingFrequency", findingPublishingFrequency == null ? "" : findingPublishingFrequency);
        try {
            settings.updateDetector(api.detectorId(), body);
        } catch (ApiException e) {
            return render("", "", null, ApiError.of(e, "findingPublishingFrequency"));
        }
        return seeOther("detector");
    }

    /** CreatePublishingDestination of type S3 to {@code destinationArn}, encrypted with {@code kmsKeyArn}. */
    @POST
    @Path("/destinations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response createDestination(@RestForm String destinationArn, @RestForm String kmsKeyArn) {
        String arn = destinationArn == null ? "" : destinationArn.trim();
        String kms = kmsKeyArn == null ? "" : kmsKeyArn.trim();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("destinationType", "S3");
        body.putObject("destinationProperties").put("destinationArn", arn).put("kmsKeyArn", kms);
        try {
            settings.createDestination(api.detectorId(), body);
        } catch (ApiException e) {
            return render(arn, kms, null, ApiError.of(e, ApiError.fieldIn(e.getMessage(), "destinationArn", "kmsKeyArn",
                    "destinationArn")));
        }
        return seeOther("created");
    }

    /** DeletePublishingDestination {@code destinationId}. */
    @POST
    @Path("/destinations/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteDestination(@RestForm String destinationId) {
        settings.deleteDestination(api.detectorId(), destinationId == null ? "" : destinationId);
        return seeOther("deleted");
    }

    private Response render(String destinationArn, String kmsKeyArn, String notice, ApiError error) {
        String detectorId = api.detectorId();
        JsonNode detector = settings.detector(detectorId);
        List<Map<String, String>> destinations = new ArrayList<>();
        settings.destinations(detectorId).path("destinations").forEach(d -> destinations.add(Map.of(
                "id", d.path("destinationId").asText(), "type", d.path("destinationType").asText(),
                "status", d.path("status").asText())));
        List<Map<String, String>> sources = new ArrayList<>();
        String sourcesError = null;
        try {
            settings.logSources(detectorId).path("logSourceIds").forEach(id -> {
                JsonNode s = settings.logSource(detectorId, id.asText());
                sources.add(Map.of("name", s.path("name").asText(), "kind", s.path("kind").asText(),
                        "logType", s.path("logType").asText(), "status", s.path("status").asText()));
            });
        } catch (ApiException e) {
            // the gateway does not route Vigil's log source API (k8s/base/gateway/httproute.yaml): say so, keep the page
            sourcesError = e.getMessage();
        }
        return Response.status(error == null ? 200 : error.status())
                .entity(Templates.settings(detector.path("status").asText(), detector.path("findingPublishingFrequency")
                        .asText(), FREQUENCIES, destinations, sources, destinationArn, kmsKeyArn, sourcesError, notice, error))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    private static Response seeOther(String notice) {
        return Response.seeOther(URI.create("/settings?notice=" + notice)).build();
    }
}
