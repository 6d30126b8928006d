package dev.vigil.web.sigv4;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A SigV4-signed request to authenticate ({@link SigV4IdentityProvider}). */
public class SigV4AuthenticationRequest extends BaseAuthenticationRequest {

    private final SigV4Request request;

    /** Wraps the parsed request. */
    public SigV4AuthenticationRequest(SigV4Request request) {
        this.request = request;
    }

    /** The parsed request. */
    public SigV4Request request() {
        return request;
    }
}
