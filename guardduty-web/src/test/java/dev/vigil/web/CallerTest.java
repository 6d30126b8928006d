package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** {@link Caller} read from identities built the way each credential type builds them; plain JUnit. */
class CallerTest {

    /** A bearer token's principal with {@code claims}. */
    record Token(String name, Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) claims.get(claimName);
        }
    }

    private static QuarkusSecurityIdentity.Builder bearer(Map<String, Object> claims) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new Token("admin-111", claims)).addRoles(Set.of("admin", "analyst"));
    }

    @Test
    void aBearerTokenNamesItsAccountByClaim() {
        Caller c = Caller.of(bearer(Map.of("account_id", "111111111111")).build());
        assertThat(c).isEqualTo(new Caller("admin-111", "111111111111", Set.of("admin", "analyst")));
        assertThat(c.requireAccount()).isEqualTo("111111111111");
        assertThat(c.hasRole("admin")).isTrue();
        assertThat(c.hasRole("collector")).isFalse();
    }

    @Test
    void anotherCredentialTypeNamesItsAccountByAttributeAndGetsTheSameCaller() {
        // how a SigV4 access key bound to admin-111 will state its principal: a plain principal and the attribute
        Caller byKey = Caller.of(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("admin-111"))
                .addRoles(Set.of("admin", "analyst")).addAttribute("account_id", "111111111111").build());
        assertThat(byKey).isEqualTo(Caller.of(bearer(Map.of("account_id", "111111111111")).build()));
    }

    @Test
    void anIdentityWithoutAUsableAccountIsAccessDenied() {
        for (Map<String, Object> claims : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("account_id", "12345"),
                Map.of("account_id", ""), Map.of("account_id", "11111111111a"))) {
            Caller c = Caller.of(bearer(claims).build());
            assertThat(c.account()).as(claims.toString()).isEmpty();
            assertThatThrownBy(c::requireAccount).isInstanceOfSatisfying(GuardDutyException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.errorType()).isEqualTo(ErrorType.ACCESS_DENIED);
                assertThat(e.getMessage()).contains("account_id");
            });
        }
    }

    @Test
    void anAnonymousCallerHasNothing() {
        Caller c = Caller.of(QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        assertThat(c.name()).isNull();
        assertThat(c.roles()).isEmpty();
        assertThat(c.account()).isEmpty();
    }
}
