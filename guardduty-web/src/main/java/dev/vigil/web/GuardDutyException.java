package dev.vigil.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.events.JsonLimits;

/**
 * An error answered in GuardDuty's shape: HTTP {@link #status()}, body {@code {"message": ..., "__type": ...}} and
 * header {@code x-amzn-ErrorType} ({@link ErrorMappers}). The message is for the caller: it names the member, value
 * or limit at fault, never a Java class, a library setting or a stack trace. Thrown by any layer of a service; the
 * one mapper turns it into the answer.
 */
public class GuardDutyException extends RuntimeException {

    /** GuardDuty's answer to a detector ID that is missing, in another region or another account's. */
    public static final String DETECTOR_NOT_OWNED =
            "The request is rejected because the input detectorId is not owned by the current account.";

    private final int status;
    private final ErrorType type;
    private final long retryAfterSeconds;

    /** An error answered with {@code type}'s own status. */
    public GuardDutyException(ErrorType type, String message) {
        this(type.status(), type, message, 0);
    }

    /**
     * An error with an explicit HTTP {@code status} (e.g. 415 BadRequestException) and a {@code Retry-After} delay in
     * seconds (0: none).
     */
    public GuardDutyException(int status, ErrorType type, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** HTTP 400 {@code BadRequestException}. */
    public static GuardDutyException badRequest(String message) {
        return new GuardDutyException(ErrorType.BAD_REQUEST, message);
    }

    /** HTTP 403 {@code AccessDeniedException}. */
    public static GuardDutyException accessDenied(String message) {
        return new GuardDutyException(ErrorType.ACCESS_DENIED, message);
    }

    /** HTTP 413 {@code PayloadTooLargeException}. */
    public static GuardDutyException payloadTooLarge(String message) {
        return new GuardDutyException(ErrorType.PAYLOAD_TOO_LARGE, message);
    }

    /** HTTP 429 {@code TooManyRequestsException} with {@code Retry-After} (seconds, at least 1). */
    public static GuardDutyException tooManyRequests(String message, long retryAfterSeconds) {
        return new GuardDutyException(429, ErrorType.TOO_MANY_REQUESTS, message, Math.max(1, retryAfterSeconds));
    }

    /** HTTP 503 {@code ServiceUnavailableException} (answered with {@code Retry-After: 5}). */
    public static GuardDutyException serviceUnavailable(String message) {
        return new GuardDutyException(ErrorType.SERVICE_UNAVAILABLE, message);
    }

    /** HTTP 500 {@code InternalServerErrorException} with a fixed message. */
    public static GuardDutyException internal() {
        return new GuardDutyException(ErrorType.INTERNAL_SERVER_ERROR, "The request failed due to an internal error.");
    }

    /** HTTP 400 {@link #DETECTOR_NOT_OWNED}: the same answer for a missing detector and another tenant's. */
    public static GuardDutyException detectorNotOwned() {
        return badRequest(DETECTOR_NOT_OWNED);
    }

    /**
     * The answer to a request body that is not acceptable JSON: 413 when it breaks the document size limit, else 400
     * naming the member of the wrong type, the limit broken or the syntax error ({@link JsonLimits#describe}).
     */
    public static GuardDutyException invalidJson(JsonProcessingException e) {
        String detail = JsonLimits.describe(e);
        if (detail.startsWith("Document length")) {
            return payloadTooLarge("The request body is too large: " + detail);
        }
        return badRequest("The request body is not valid: " + detail);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The error type's wire name: {@code __type} and {@code x-amzn-ErrorType}, e.g. {@code BadRequestException}. */
    public String type() {
        return type.type();
    }

    /** The error type. */
    public ErrorType errorType() {
        return type;
    }

    /** The {@code Retry-After} delay in seconds, 0 when the answer carries none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
