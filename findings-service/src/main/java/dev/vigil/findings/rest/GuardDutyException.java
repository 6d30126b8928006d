package dev.vigil.findings.rest;

/**
 * An error answered in GuardDuty's shape: {@code {"message": ..., "__type": ...}} with the header
 * {@code x-amzn-ErrorType}. {@link #badRequest(String)} is HTTP 400 {@code BadRequestException}.
 */
public class GuardDutyException extends RuntimeException {

    private final int status;
    private final String type;

    public GuardDutyException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    /** HTTP 400 {@code BadRequestException} with {@code message}. */
    public static GuardDutyException badRequest(String message) {
        return new GuardDutyException(400, "BadRequestException", message);
    }

    /** GuardDuty's answer to a detector ID that is missing, in another region or another account's. */
    public static GuardDutyException detectorNotOwned() {
        return badRequest("The request is rejected because the input detectorId is not owned by the current account.");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
