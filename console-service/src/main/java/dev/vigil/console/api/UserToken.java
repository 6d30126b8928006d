package dev.vigil.console.api;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Puts the signed-in user's own access token (from the authorization code flow) on every API call, so the API
 * answers exactly what it answers that user; the console has no identity of its own for the API. Without a token
 * (no session) the call goes out without one and the API answers 401.
 *
 * <p>This is what {@code quarkus-rest-client-oidc-token-propagation} does; that extension cannot be used with
 * Quarkus 3.33.2 because its parent POM is missing from Maven Central.
 */
@ApplicationScoped
public class UserToken implements ClientRequestFilter {

    private final CurrentIdentityAssociation identities;

    UserToken(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @Override
    public void filter(ClientRequestContext request) {
        SecurityIdentity identity = identities.getIdentity();
        AccessTokenCredential token = identity == null ? null : identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
        }
    }
}
