package dev.vigil.web.region;

import dev.vigil.web.ErrorMappers;
import dev.vigil.web.ErrorType;
import dev.vigil.web.TenantContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request addressed to a region the deployment does not serve ({@link ServedRegions}), before any resource
 * code runs, as AWS answers a request scoped to an unknown region: 403 {@code InvalidSignatureException} "Credential
 * should be scoped to a valid region." (the region comes from the path prefix, {@code RegionPrefixFilter}). It runs
 * after the authentication and role checks, so a caller without a valid token gets 401 first.
 */
public class RegionCheck {

    /** AWS's message for a request scoped to a region that does not exist. */
    public static final String MESSAGE = "Credential should be scoped to a valid region.";

    private final TenantContext tenant;
    private final ServedRegions regions;

    /** Creates the filter. */
    public RegionCheck(TenantContext tenant, ServedRegions regions) {
        this.tenant = tenant;
        this.regions = regions;
    }

    /** The 403 answer for a region that is not served, or nothing. */
    @ServerRequestFilter
    public Optional<Response> checkRegion() {
        return regions.serves(tenant.region()) ? Optional.empty()
                : Optional.of(ErrorMappers.response(403, ErrorType.INVALID_SIGNATURE, MESSAGE));
    }
}
