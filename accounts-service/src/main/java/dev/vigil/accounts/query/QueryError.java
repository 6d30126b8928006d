package dev.vigil.accounts.query;

/**
 * An error of an AWS Query-protocol API (Vigil's STS and IAM), answered in the protocol's XML {@code ErrorResponse}:
 * HTTP status, AWS's code and a message that never holds a token or a secret.
 */
public class QueryError extends RuntimeException {

    private final int status;
    private final String code;

    /** An error with {@code status} and AWS {@code code}. */
    public QueryError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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
