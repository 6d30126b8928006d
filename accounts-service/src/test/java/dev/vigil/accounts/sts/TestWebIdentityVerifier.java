package dev.vigil.accounts.sts;

import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Module tests run without Keycloak: tokens {@code token-<account>-<seconds left>} (e.g. {@code token-111111111111-300})
 * stand for a verified access token of {@code admin-<account>} with roles admin and analyst, {@code token-none-300}
 * for one without an account; anything else is refused as OIDC would. The e2e suite uses real Keycloak tokens.
 */
@Mock
@ApplicationScoped
public class TestWebIdentityVerifier extends WebIdentityVerifier {

    public TestWebIdentityVerifier() {
        super(null);
    }

    @Override
    public Uni<WebIdentity> verify(String token) {
        String[] p = token.split("-");
        if (p.length != 3 || !p[0].equals("token")) {
            return Uni.createFrom().failure(new SecurityException("not a token"));
        }
        String account = p[1].equals("none") ? null : p[1];
        return Uni.createFrom().item(new WebIdentity("admin-" + p[1], "sub-" + p[1], account, List.of("admin", "analyst"),
                Instant.now().plusSeconds(Long.parseLong(p[2])), "http://keycloak/realms/vigil", "vigil-cli"));
    }
}
