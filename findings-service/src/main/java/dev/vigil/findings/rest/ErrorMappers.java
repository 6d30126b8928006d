package dev.vigil.findings.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.events.JsonLimits;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API in GuardDuty's shape; never a stack trace or a class name in the body. */
public class ErrorMappers {

    /** Builds the GuardDuty error response. */
    public static Response error(int status, String type, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("message", message).put("__type", type);
        return Response.status(status).header("x-amzn-ErrorType", type).type(MediaType.APPLICATION_JSON)
                .entity(body.toString()).build();
    }

    @ServerExceptionMapper
    public Response guardDuty(GuardDutyException e) {
        return error(e.status(), e.type(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String detail = JsonLimits.describe(e);
        if (detail.startsWith("Document length")) {
            return error(413, "PayloadTooLargeException", "The request body is too large: " + detail);
        }
        return error(400, "BadRequestException", "The request body is not valid JSON: " + detail);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return error(401, "UnauthorizedException", "The request is missing a valid bearer token.");
    }

    @ServerExceptionMapper(priority = 1)
    public Response authFailed(AuthenticationFailedException e) {
        return error(401, "UnauthorizedException", "The request is missing a valid bearer token.");
    }

    @ServerExceptionMapper(priority = 1)
    public Response oidc(io.quarkus.oidc.OIDCException e) {
        return error(401, "UnauthorizedException", "The bearer token could not be verified.");
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return error(403, "AccessDeniedException", "The caller's roles do not allow this operation.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(404, "NotFoundException", "No such operation.");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return error(405, "BadRequestException", "Method not allowed on this path.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return error(500, "InternalServerErrorException", "Internal server error.");
        }
        if (status == 413) {
            return error(413, "PayloadTooLargeException", "The request body is too large.");
        }
        return error(status, "BadRequestException", "The request is invalid.");
    }

    @ServerExceptionMapper
    public Response other(Exception e) {
        Log.error("unexpected error", e);
        return error(500, "InternalServerErrorException", "Internal server error.");
    }
}
