package dev.vigil.web;

/**
 * The error types of Vigil's APIs, each with the HTTP status it is normally answered with: the {@code __type} of the
 * body and the {@code x-amzn-ErrorType} header. BadRequestException, AccessDeniedException,
 * ResourceNotFoundException and InternalServerErrorException are GuardDuty's modelled errors
 * ({@code guardduty-2017-11-28.service-2.json}), so an AWS SDK raises its typed exception for them; the others are
 * the types AWS services answer with for the same statuses (UnauthorizedException, PayloadTooLargeException,
 * TooManyRequestsException, ServiceUnavailableException).
 *
 * <p>Statuses without a type of their own are answered as {@link #BAD_REQUEST} with their status: 405 (method not
 * allowed on the path), 406 and 415 (media types).
 */
public enum ErrorType {

    /** 400: a member, parameter, path ID or body is invalid (also 405, 406, 415 with their own status). */
    BAD_REQUEST(400, "BadRequestException"),
    /** 401: the request carries no credentials, or credentials that could not be verified. */
    UNAUTHORIZED(401, "UnauthorizedException"),
    /** 403: the caller's roles do not allow the operation, or its identity names no usable account. */
    ACCESS_DENIED(403, "AccessDeniedException"),
    /** 404: no operation is served on this path. */
    RESOURCE_NOT_FOUND(404, "ResourceNotFoundException"),
    /** 413: the body is larger than the operation accepts. */
    PAYLOAD_TOO_LARGE(413, "PayloadTooLargeException"),
    /** 429: a rate limit is reached; {@code Retry-After} says when to retry (the AWS SDKs retry it as throttling). */
    TOO_MANY_REQUESTS(429, "TooManyRequestsException"),
    /** 500: anything unexpected; the message never holds details. */
    INTERNAL_SERVER_ERROR(500, "InternalServerErrorException"),
    /** 503: a dependency (Kafka, the database) did not answer in time; retry after {@code Retry-After}. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailableException"),
    /**
     * 403: the request addresses a region that is not served: AWS's answer to a request scoped to an unknown region
     * ("Credential should be scoped to a valid region.").
     */
    INVALID_SIGNATURE(403, "InvalidSignatureException");

    private final int status;
    private final String type;

    ErrorType(int status, String type) {
        this.status = status;
        this.type = type;
    }

    /** The HTTP status this type is normally answered with. */
    public int status() {
        return status;
    }

    /** The wire name: {@code __type} and {@code x-amzn-ErrorType}. */
    public String type() {
        return type;
    }

    /** The type that answers HTTP {@code status} when nothing more specific is known. */
    public static ErrorType forStatus(int status) {
        for (ErrorType t : values()) {
            if (t.status == status) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL_SERVER_ERROR : BAD_REQUEST;
    }
}
