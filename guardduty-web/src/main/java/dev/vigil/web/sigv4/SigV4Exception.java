package dev.vigil.web.sigv4;

import io.quarkus.security.AuthenticationException;

/**
 * A SigV4 request that is refused: its {@link SigV4Error} and a message for the caller, which never contains a
 * secret, a session token or a signature. {@code queryProtocol} says whether it is answered in STS's XML shape
 * (credential scope service {@code sts}) or in the JSON error shape. An {@link AuthenticationException}, so Quarkus
 * treats it as failed authentication.
 */
public class SigV4Exception extends SecurityException implements AuthenticationException {

    private final SigV4Error error;
    private final boolean queryProtocol;

    /** A refusal answered in the JSON shape. */
    public SigV4Exception(SigV4Error error, String message) {
        this(error, message, false);
    }

    /** A refusal, in STS's XML shape when {@code queryProtocol}. */
    public SigV4Exception(SigV4Error error, String message, boolean queryProtocol) {
        super(message);
        this.error = error;
        this.queryProtocol = queryProtocol;
    }

    /** The same refusal for a request of the Query protocol (or not). */
    public SigV4Exception inProtocol(boolean query) {
        return query == queryProtocol ? this : new SigV4Exception(error, getMessage(), query);
    }

    /** Why. */
    public SigV4Error error() {
        return error;
    }

    /** Whether it is answered in STS's XML error shape. */
    public boolean queryProtocol() {
        return queryProtocol;
    }

    /** The error code of the answer's protocol. */
    public String code() {
        return queryProtocol ? error.queryCode() : error.jsonCode();
    }
}
