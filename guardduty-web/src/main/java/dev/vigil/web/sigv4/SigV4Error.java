package dev.vigil.web.sigv4;

/**
 * Why a SigV4 request is refused, with the error code AWS answers for it: the JSON services' code (GuardDuty, as the
 * AWS SDKs and CLI classify it: botocore treats {@code InvalidSignatureException} "Signature expired" as clock skew)
 * and the Query services' code (STS). Sources: the AWS "Common Errors" pages of the GuardDuty and STS API
 * references and botocore's clock-skew error list.
 */
public enum SigV4Error {

    /** A malformed {@code Authorization} header or presigned query, or a missing {@code X-Amz-Date}. */
    INCOMPLETE(400, "IncompleteSignatureException", "IncompleteSignature"),
    /** The signature differs from the one computed with the key's secret. */
    SIGNATURE_MISMATCH(403, "InvalidSignatureException", "SignatureDoesNotMatch"),
    /** The request is dated more than 15 minutes from the server's clock, or a presigned URL is past its expiry. */
    EXPIRED_SIGNATURE(403, "InvalidSignatureException", "SignatureDoesNotMatch"),
    /** The access key is unknown, revoked or deactivated, or the session token is not one Vigil issued. */
    UNRECOGNIZED_KEY(403, "UnrecognizedClientException", "InvalidClientTokenId"),
    /** The session token's credentials have expired. */
    EXPIRED_TOKEN(403, "ExpiredTokenException", "ExpiredToken"),
    /** The body's SHA-256 differs from {@code X-Amz-Content-Sha256}. */
    CONTENT_HASH_MISMATCH(400, "XAmzContentSHA256Mismatch", "XAmzContentSHA256Mismatch"),
    /** The credential scope names a region or service this stack does not serve. */
    SCOPE(403, "InvalidSignatureException", "SignatureDoesNotMatch");

    private final int status;
    private final String jsonCode;
    private final String queryCode;

    SigV4Error(int status, String jsonCode, String queryCode) {
        this.status = status;
        this.jsonCode = jsonCode;
        this.queryCode = queryCode;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The code of a JSON-protocol service ({@code __type}, {@code x-amzn-ErrorType}). */
    public String jsonCode() {
        return jsonCode;
    }

    /** The code of a Query-protocol service ({@code <Code>} of STS's {@code ErrorResponse}). */
    public String queryCode() {
        return queryCode;
    }
}
