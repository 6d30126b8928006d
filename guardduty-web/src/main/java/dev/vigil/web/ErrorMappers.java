package dev.vigil.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.web.auth.RefusalLog;
import io.quarkus.logging.Log;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of ingest, findings and accounts in AWS's error shape, as the AWS SDKs parse it: body
 * {@code {"message": "...", "__type": "BadRequestException"}}, header {@code x-amzn-ErrorType}, content type JSON.
 * The statuses and types ({@link ErrorType}):
 * <table>
 *   <caption>status and type</caption>
 *   <tr><td>400</td><td>BadRequestException: {@link GuardDutyException#badRequest}, bean validation, unreadable or
 *       wrongly shaped JSON, other 4xx of the HTTP layer</td></tr>
 *   <tr><td>401</td><td>UnauthorizedException: no credentials, or credentials that could not be verified</td></tr>
 *   <tr><td>403</td><td>AccessDeniedException: a role that does not allow the operation, or an identity without a
 *       usable account ({@link Caller#requireAccount()})</td></tr>
 *   <tr><td>404</td><td>ResourceNotFoundException: no operation on this path</td></tr>
 *   <tr><td>405, 406, 415</td><td>BadRequestException with that status</td></tr>
 *   <tr><td>413</td><td>PayloadTooLargeException: a body over the HTTP or JSON document limit</td></tr>
 *   <tr><td>429</td><td>TooManyRequestsException with {@code Retry-After}</td></tr>
 *   <tr><td>500</td><td>InternalServerErrorException, a fixed message; the cause is logged here</td></tr>
 *   <tr><td>503</td><td>ServiceUnavailableException with {@code Retry-After}</td></tr>
 * </table>
 * Messages name the member, value or limit at fault, never a Java type, a library setting or a stack trace.
 */
public class ErrorMappers {

    /** The response header the AWS SDKs read the error type from. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    /** Seconds a 503 asks the caller to wait when the error names no delay of its own. */
    static final long DEFAULT_RETRY_AFTER_SECONDS = 5;

    static final String UNAUTHORIZED = "The request has no valid credentials.";
    static final String FORBIDDEN = "You do not have sufficient access to perform this action.";

    private final Instance<ErrorClassifier> classifiers;
    private final Instance<SecurityIdentity> identity;

    /** Creates the mappers with the services' {@link ErrorClassifier}s and the caller's identity. */
    public ErrorMappers(Instance<ErrorClassifier> classifiers, Instance<SecurityIdentity> identity) {
        this.classifiers = classifiers;
        this.identity = identity;
    }

    /**
     * Whether the request carries no verified credential. An anonymous caller is answered 401 for any path outside
     * the operational ones, before the HTTP layer's 404/405/406/415 (issue 23, defect 9: the same answer in every
     * service, and nothing learnt about routes or media types without a token).
     */
    private boolean anonymous() {
        try {
            return identity.isResolvable() && identity.get().isAnonymous();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The answer in AWS's error shape. */
    public static Response response(int status, ErrorType type, String message) {
        String body = JsonNodeFactory.instance.objectNode().put("message", message).put("__type", type.type()).toString();
        return Response.status(status).header(ERROR_TYPE_HEADER, type.type()).type(MediaType.APPLICATION_JSON)
                .entity(body).build();
    }

    /** The answer to {@code e}, with {@code Retry-After} on 429 and 503. */
    public static Response response(GuardDutyException e) {
        Response r = response(e.status(), e.errorType(), e.getMessage());
        long retryAfter = e.retryAfterSeconds() > 0 ? e.retryAfterSeconds()
                : e.status() == 503 ? DEFAULT_RETRY_AFTER_SECONDS : 0;
        if (retryAfter > 0) {
            r.getHeaders().putSingle("Retry-After", Long.toString(retryAfter));
        }
        return r;
    }

    /** A {@link GuardDutyException} thrown by any layer. */
    @ServerExceptionMapper
    public Response guardDuty(GuardDutyException e) {
        return response(e);
    }

    /** Bean validation of a bound body: 400 naming each member and its constraint. */
    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    int dot = path.indexOf('.');
                    return (dot >= 0 ? path.substring(dot + 1) : path) + ": " + v.getMessage();
                })
                .sorted().reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return response(GuardDutyException.badRequest(message));
    }

    /** JSON that is malformed, too deep, too large or of the wrong shape ({@link GuardDutyException#invalidJson}). */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return response(GuardDutyException.invalidJson(e));
    }

    /** A body of the wrong shape (replaces Quarkus' built-in mapper, which answers an empty 400). */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return response(GuardDutyException.invalidJson(e));
    }

    /** No credentials (a role-protected operation called anonymously). */
    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return response(401, ErrorType.UNAUTHORIZED, UNAUTHORIZED);
    }

    /** Credentials that could not be verified (logged rate-limited, {@link RefusalLog}). */
    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        RefusalLog.refused("credentials that could not be verified");
        return response(401, ErrorType.UNAUTHORIZED, UNAUTHORIZED);
    }

    /** A bearer token that OIDC could not verify (logged rate-limited, {@link RefusalLog}). */
    @ServerExceptionMapper(priority = 1)
    public Response oidc(OIDCException e) {
        RefusalLog.refused("credentials that could not be verified");
        return response(401, ErrorType.UNAUTHORIZED, UNAUTHORIZED);
    }

    /** A role that does not allow the operation. */
    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return response(403, ErrorType.ACCESS_DENIED, FORBIDDEN);
    }

    /** Errors of the HTTP layer (no route, method, media type, body size, parameter conversion). */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException j) {
            return response(GuardDutyException.invalidJson(j));
        }
        if ((status == 404 || status == 405 || status == 406 || status == 415) && anonymous()) {
            return response(401, ErrorType.UNAUTHORIZED, UNAUTHORIZED);
        }
        return switch (status) {
            case 401 -> response(401, ErrorType.UNAUTHORIZED, UNAUTHORIZED);
            case 403 -> response(403, ErrorType.ACCESS_DENIED, FORBIDDEN);
            case 404 -> response(404, ErrorType.RESOURCE_NOT_FOUND, "No such operation.");
            case 405 -> response(405, ErrorType.BAD_REQUEST, "The method is not allowed on this path.");
            case 406 -> response(406, ErrorType.BAD_REQUEST, "The operation cannot answer in the requested media type.");
            case 413 -> response(413, ErrorType.PAYLOAD_TOO_LARGE, "The request body is too large.");
            case 415 -> response(415, ErrorType.BAD_REQUEST, "The request's Content-Type is not supported by this operation.");
            case 503 -> response(GuardDutyException.serviceUnavailable("The service is unavailable; retry later."));
            default -> {
                if (status < 500) {
                    yield response(status, ErrorType.BAD_REQUEST, "The request is not valid.");
                }
                Log.errorf(e, "request failed");
                yield response(GuardDutyException.internal());
            }
        };
    }

    /**
     * Anything else: a {@link GuardDutyException} among its causes (wrapped by a reactive pipeline), a service's
     * {@link ErrorClassifier} answer, else 500 without details (logged).
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GuardDutyException g) {
                return response(g);
            }
            for (ErrorClassifier classifier : classifiers) {
                Optional<GuardDutyException> known = classifier.classify(t);
                if (known.isPresent()) {
                    return response(known.get());
                }
            }
        }
        Log.errorf(e, "request failed");
        return response(GuardDutyException.internal());
    }
}
