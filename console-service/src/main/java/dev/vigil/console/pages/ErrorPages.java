package dev.vigil.console.pages;

import dev.vigil.console.api.ApiException;
import dev.vigil.console.api.NoDetectorException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The console's error pages, in one place: not found (a missing page or finding, or another tenant's: the same
 * words), GuardDuty not enabled, and an API error (its status and message as the API gave them).
 */
public class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String heading, String message);
    }

    /** 404: "Not found". */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        String message = e.getMessage() != null && e.getMessage().startsWith("Finding ") ? e.getMessage()
                : "There is nothing at this address.";
        return page(404, "Not found", message);
    }

    /** 409 with the way to enable GuardDuty. */
    @ServerExceptionMapper
    public Response noDetector(NoDetectorException e) {
        return page(409, "GuardDuty is not enabled", e.getMessage());
    }

    /** The API's status and message (e.g. 403 for an analyst's archive). */
    @ServerExceptionMapper
    public Response api(ApiException e) {
        return page(e.status() >= 400 ? e.status() : 502, "The API refused the request", e.getMessage());
    }

    private static Response page(int status, String heading, String message) {
        return Response.status(status).entity(Templates.error(heading, message)).type(MediaType.TEXT_HTML_TYPE).build();
    }
}
