package dev.vigil.accounts.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.vigil.accounts.service.GuardDutyException;
import dev.vigil.events.JsonLimits;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to GuardDuty's error shape: body {@code {"message": "...", "__type": "..."}} and header
 * {@code x-amzn-ErrorType}. Validation and unreadable JSON are 400 {@code BadRequestException}; anything unexpected
 * is 500 {@code InternalServerErrorException} without details (logged here).
 */
public class ErrorMappers {

    /** Header the AWS SDKs read the error type from. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    /** Builds a GuardDuty error response. */
    public static Response error(int status, String type, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("__type", type);
        return Response.status(status).header(ERROR_TYPE_HEADER, type).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response guardDuty(GuardDutyException e) {
        return error(e.status(), e.type(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    int dot = path.indexOf('.');
                    return (dot >= 0 ? path.substring(dot + 1) : path) + ": " + v.getMessage();
                })
                .sorted().reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return error(400, "BadRequestException", message);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return jsonError(e);
    }

    /** A body of the wrong shape (replaces Quarkus' built-in mapper, which answers an empty 400). */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return jsonError(e);
    }

    /**
     * 400 for JSON that is malformed, too deep or of the wrong shape, 413 for a document over the size limit; the
     * message names the member or limit, never a Java type ({@link JsonLimits#describe}).
     */
    static Response jsonError(JsonProcessingException e) {
        String detail = JsonLimits.describe(e);
        if (detail.startsWith("Document length")) {
            return error(413, "PayloadTooLargeException", "The request body is too large: " + detail);
        }
        return error(400, "BadRequestException", "The request body is not valid: " + detail);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return error(401, "UnauthorizedException", "A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return error(401, "UnauthorizedException", "A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "AccessDeniedException", "You do not have sufficient access to perform this action.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            if (e.getCause() instanceof JsonProcessingException j) {
                return jsonError(j);
            }
            return error(400, "BadRequestException", "The request is not valid.");
        }
        if (status == 413) {
            return error(413, "PayloadTooLargeException", "The request body is too large.");
        }
        if (status == 401) {
            return error(401, "UnauthorizedException", "A valid bearer token is required.");
        }
        if (status == 403) {
            return error(403, "AccessDeniedException", "You do not have sufficient access to perform this action.");
        }
        if (status == 404) {
            return error(404, "ResourceNotFoundException", "No such operation.");
        }
        if (status < 500) {
            return error(status, "BadRequestException", "The request is not valid.");
        }
        Log.errorf(e, "request failed");
        return error(500, "InternalServerErrorException", "The request failed due to an internal error.");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                // a concurrent request created the same resource first (e.g. two CreateDetector in one region)
                return error(400, "BadRequestException", "The request conflicts with a concurrent change of the same resource.");
            }
        }
        Log.errorf(e, "request failed");
        return error(500, "InternalServerErrorException", "The request failed due to an internal error.");
    }
}
