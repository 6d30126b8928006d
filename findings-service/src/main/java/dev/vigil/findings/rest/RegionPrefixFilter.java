package dev.vigil.findings.rest;

import dev.vigil.findings.config.VigilConfig;
import dev.vigil.findings.security.TenantContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Serves every GuardDuty path both bare (region {@code vigil.default-region}) and under a region prefix
 * ({@code /eu-west-1/detector/...}): the prefix is stripped before matching and kept as the request's region.
 */
public class RegionPrefixFilter {

    private static final Pattern PREFIXED = Pattern.compile("^/([a-z]{2}(?:-[a-z]+)+-\\d+)(/detector(?:/.*)?)$");

    private final VigilConfig config;
    private final TenantContext tenant;

    public RegionPrefixFilter(VigilConfig config, TenantContext tenant) {
        this.config = config;
        this.tenant = tenant;
    }

    /** Strips a region prefix and records the request's region. */
    @ServerRequestFilter(preMatching = true)
    public void region(ContainerRequestContext ctx) {
        URI uri = ctx.getUriInfo().getRequestUri();
        Matcher m = PREFIXED.matcher(uri.getRawPath());
        if (m.matches()) {
            tenant.region(m.group(1));
            String query = uri.getRawQuery();
            ctx.setRequestUri(URI.create(m.group(2) + (query == null ? "" : "?" + query)));
        } else {
            tenant.region(config.defaultRegion());
        }
    }
}
