package dev.vigil.ingest.rest;

import dev.vigil.ingest.rest.dto.ErrorBody;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps errors to GuardDuty's error shape; 401/403 stay with Quarkus security. */
public class ErrorMappers {

    /** The response header naming the error type. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    /** An error answered in GuardDuty's shape. */
    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder rb = error(e.status(), e.type(), e.getMessage());
        if (e.retryAfterSeconds() > 0) {
            rb.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        } else if (e.status() == 503) {
            rb.header("Retry-After", "5");
        }
        return rb.build();
    }

    /** JAX-RS errors (404, 405, 415, ...) in GuardDuty's shape. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String type = status >= 500 ? ApiException.INTERNAL
                : status == 403 ? "AccessDeniedException" : ApiException.BAD_REQUEST;
        String message = status >= 500 ? "internal error" : e.getResponse().getStatusInfo().getReasonPhrase();
        return error(status, type, message).build();
    }

    /** Anything unexpected: 500 without details (logged). */
    @ServerExceptionMapper
    public Response unexpected(IllegalStateException e) {
        Log.errorf(e, "unexpected error");
        return error(500, ApiException.INTERNAL, "internal error").build();
    }

    static Response.ResponseBuilder error(int status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).header(ERROR_TYPE_HEADER, type)
                .entity(new ErrorBody(message, type));
    }
}
