package dev.vigil.accounts.sts;

import dev.vigil.web.Caller;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies the {@code WebIdentityToken} of AssumeRoleWithWebIdentity exactly as a bearer token of any request is
 * verified: by the default OIDC tenant (Keycloak realm {@code vigil}, audience {@code vigil-api}, signature, expiry),
 * through Quarkus' {@link TenantIdentityProvider}.
 */
@ApplicationScoped
public class WebIdentityVerifier {

    private final TenantIdentityProvider oidc;

    /** Creates the verifier on the default OIDC tenant. */
    public WebIdentityVerifier(TenantIdentityProvider oidc) {
        this.oidc = oidc;
    }

    /** The identity of {@code token}; a failed Uni when OIDC refuses it. */
    public Uni<WebIdentity> verify(String token) {
        return oidc.authenticate(new AccessTokenCredential(token)).map(identity -> {
            Caller caller = Caller.of(identity);
            JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
            return new WebIdentity(caller.name(), jwt.getSubject(), caller.accountId(), List.copyOf(caller.roles()),
                    Instant.ofEpochSecond(jwt.getExpirationTime()), jwt.getIssuer(), jwt.getClaim("azp"));
        });
    }
}
