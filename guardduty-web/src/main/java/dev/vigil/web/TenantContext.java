package dev.vigil.web;

import dev.vigil.web.sigv4.SigV4IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenant of the current request: its {@link Caller} (account, roles, name, read once per request) and the region
 * it addresses (the path's {@code /{region}} prefix, set by {@link RegionPrefixFilter}; else the region a SigV4
 * request is signed for, as AWS endpoints are per region; else {@code vigil.default-region}).
 */
@RequestScoped
public class TenantContext {

    private final SecurityIdentity identity;
    private final String defaultRegion;
    private Caller caller;
    private String region;

    /** Creates the context of one request. */
    public TenantContext(SecurityIdentity identity,
            @ConfigProperty(name = "vigil.default-region", defaultValue = "us-east-1") String defaultRegion) {
        this.identity = identity;
        this.defaultRegion = defaultRegion;
    }

    /** Who calls. */
    public Caller caller() {
        if (caller == null) {
            caller = Caller.of(identity);
        }
        return caller;
    }

    /**
     * The caller's 12-digit account ID, never taken from a body or path.
     *
     * @throws GuardDutyException 403 {@code AccessDeniedException} when the identity names no usable account
     */
    public String accountId() {
        return caller().requireAccount();
    }

    /** Whether the caller holds realm role {@code role}. */
    public boolean hasRole(String role) {
        return caller().hasRole(role);
    }

    /** The region the request addresses. */
    public String region() {
        if (region != null) {
            return region;
        }
        Object signed = identity.getAttribute(SigV4IdentityProvider.REGION);
        return signed instanceof String s ? s : defaultRegion;
    }

    /** Set once per request by {@link RegionPrefixFilter}. */
    void region(String region) {
        this.region = region;
    }
}
