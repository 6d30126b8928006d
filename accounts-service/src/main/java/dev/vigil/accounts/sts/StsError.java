package dev.vigil.accounts.sts;

import dev.vigil.accounts.query.QueryError;

/**
 * An STS error answered in the Query protocol's XML ({@code StsXml#error}): HTTP status, AWS's code (STS API
 * reference, "Errors" of AssumeRoleWithWebIdentity and GetCallerIdentity, and the common errors) and a message that
 * never holds a token or a secret.
 */
public class StsError extends QueryError {

    /** An error with {@code status} and AWS {@code code}. */
    public StsError(int status, String code, String message) {
        super(status, code, message);
    }

    /** 400 ValidationError naming the parameter. */
    public static StsError validation(String message) {
        return new StsError(400, "ValidationError", message);
    }
}
