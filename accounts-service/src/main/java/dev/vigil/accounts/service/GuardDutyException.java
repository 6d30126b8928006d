package dev.vigil.accounts.service;

/**
 * An error answered in GuardDuty's shape: {@code {"message","__type"}} plus header {@code x-amzn-ErrorType}.
 * {@link #badRequest(String)} is HTTP 400 {@code BadRequestException}; {@link #internal()} HTTP 500
 * {@code InternalServerErrorException}.
 */
public class GuardDutyException extends RuntimeException {

    private final int status;
    private final String type;

    /** An error with HTTP {@code status} and GuardDuty error {@code type}. */
    public GuardDutyException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    /** HTTP 400 {@code BadRequestException}. */
    public static GuardDutyException badRequest(String message) {
        return new GuardDutyException(400, "BadRequestException", message);
    }

    /** HTTP 500 {@code InternalServerErrorException} with a fixed message. */
    public static GuardDutyException internal() {
        return new GuardDutyException(500, "InternalServerErrorException", "The request failed due to an internal error.");
    }

    /** The answer for a detector that is missing, of another account, or of another region. */
    public static GuardDutyException noDetector(String detectorId) {
        return badRequest("The request is rejected because the input detectorId is not owned by the current account.");
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** GuardDuty error type, e.g. {@code BadRequestException}. */
    public String type() {
        return type;
    }
}
