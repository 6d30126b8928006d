package dev.vigil.ingest.rest;

/**
 * An error answered in GuardDuty's shape: HTTP {@code status}, body {@code {"message", "__type"}} and header
 * {@code x-amzn-ErrorType}. The message is for the caller: no class names, no stack traces.
 */
public class ApiException extends RuntimeException {

    /** 400: the body is not the declared format, or a parameter is invalid. */
    public static final String BAD_REQUEST = "BadRequestException";
    /** 413: the body is larger than {@code vigil.ingest.max-body-bytes} after decompression. */
    public static final String TOO_LARGE = "PayloadTooLargeException";
    /** 503: Kafka did not acknowledge every record in time; retry later (records carry deterministic IDs). */
    public static final String UNAVAILABLE = "ServiceUnavailableException";
    /**
     * 429: a per-account rate limit is reached; {@code Retry-After} says when to retry (the type and header AWS
     * Lambda answers with for 429; the AWS SDKs retry it as throttling).
     */
    public static final String THROTTLED = "TooManyRequestsException";
    /** 500: anything unexpected. */
    public static final String INTERNAL = "InternalServerErrorException";

    private final int status;
    private final String type;
    private final long retryAfterSeconds;

    /** An error with its HTTP status and GuardDuty {@code __type}. */
    public ApiException(int status, String type, String message) {
        this(status, type, message, 0);
    }

    /** An error with its HTTP status, GuardDuty {@code __type} and a {@code Retry-After} delay (seconds, 0: none). */
    public ApiException(int status, String type, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** HTTP 400 BadRequestException. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, BAD_REQUEST, message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The {@code Retry-After} delay in seconds, 0 when the answer carries none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The GuardDuty error type. */
    public String type() {
        return type;
    }
}
