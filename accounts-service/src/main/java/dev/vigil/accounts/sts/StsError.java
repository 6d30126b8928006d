package dev.vigil.accounts.sts;

/**
 * An STS error answered in the Query protocol's XML ({@code StsXml#error}): HTTP status, AWS's code (STS API
 * reference, "Errors" of AssumeRoleWithWebIdentity and GetCallerIdentity, and the common errors) and a message that
 * never holds a token or a secret.
 */
public class StsError extends RuntimeException {

    private final int status;
    private final String code;

    /** An error with {@code status} and AWS {@code code}. */
    public StsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** 400 ValidationError naming the parameter. */
    public static StsError validation(String message) {
        return new StsError(400, "ValidationError", message);
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** AWS's error code. */
    public String code() {
        return code;
    }
}
