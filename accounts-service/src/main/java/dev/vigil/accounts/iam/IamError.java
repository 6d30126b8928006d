package dev.vigil.accounts.iam;

import dev.vigil.accounts.query.QueryError;

/**
 * An IAM error, answered in the Query protocol's XML: HTTP status, AWS's code (IAM API reference, "Errors"
 * of CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, and the common errors) and a message that
 * never holds a secret.
 */
public class IamError extends QueryError {

    /** An error with {@code status} and AWS {@code code}. */
    public IamError(int status, String code, String message) {
        super(status, code, message);
    }

    /** 404 NoSuchEntity for an access key the caller does not own (another's is answered exactly like a missing one). */
    static IamError noSuchKey(String accessKeyId) {
        return new IamError(404, "NoSuchEntity", "The Access Key with id " + accessKeyId + " cannot be found.");
    }
}
