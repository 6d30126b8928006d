package dev.vigil.findings.security;

import dev.vigil.events.Keys;
import dev.vigil.findings.rest.GuardDutyException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request: its account (the token's {@code account_id} claim, never the body or path)
 * and the region of the path (bare paths: {@code vigil.default-region}, set by the region filter).
 */
@RequestScoped
public class TenantContext {

    private final SecurityIdentity identity;
    private final Instance<JsonWebToken> jwt;
    private String region;

    public TenantContext(SecurityIdentity identity, Instance<JsonWebToken> jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    /**
     * The caller's 12-digit account ID.
     *
     * @throws GuardDutyException 403 {@code AccessDeniedException} if the token has no valid {@code account_id}
     */
    public String accountId() {
        Object claim = jwt.isResolvable() ? jwt.get().getClaim("account_id") : null;
        String account = claim == null ? null : claim.toString().replace("\"", "");
        if (!Keys.isAccountId(account)) {
            throw new GuardDutyException(403, "AccessDeniedException", "The token carries no valid account_id claim.");
        }
        return account;
    }

    /** The region of the request path. */
    public String region() {
        return region;
    }

    /** Set once per request by the region filter. */
    public void region(String region) {
        this.region = region;
    }

    /** Whether the caller holds realm role {@code role}. */
    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
