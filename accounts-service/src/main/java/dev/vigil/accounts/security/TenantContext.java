package dev.vigil.accounts.security;

import dev.vigil.accounts.config.VigilConfig;
import dev.vigil.events.Keys;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request: its account (the token's {@code account_id} claim, never the body or path) and
 * the region the request addresses ({@code /{region}/...} prefix, else {@code vigil.default-region}).
 */
@RequestScoped
public class TenantContext {

    /** Request header set by {@link RegionRouteFilter} after stripping any client-sent value. */
    public static final String REGION_HEADER = "X-Vigil-Region";

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private final VigilConfig config;

    public TenantContext(SecurityIdentity identity, CurrentVertxRequest request, VigilConfig config) {
        this.identity = identity;
        this.request = request;
        this.config = config;
    }

    /**
     * The caller's 12-digit account ID.
     *
     * @throws UnauthorizedException (401) if the token carries no valid {@code account_id} claim
     */
    public String accountId() {
        Object claim = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            claim = jwt.getClaim("account_id");
        }
        if (claim == null) {
            claim = identity.getAttribute("account_id");
        }
        String account = claim == null ? null : claim.toString().replace("\"", "");
        if (!Keys.isAccountId(account)) {
            throw new UnauthorizedException("token has no account_id claim");
        }
        return account;
    }

    /** The region addressed by this request. */
    public String region() {
        String region = request.getCurrent() == null ? null : request.getCurrent().request().getHeader(REGION_HEADER);
        return region == null || region.isBlank() ? config.defaultRegion() : region;
    }

    /** Whether the caller has realm role {@code role}. */
    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
