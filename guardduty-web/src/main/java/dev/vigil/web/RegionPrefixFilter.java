package dev.vigil.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Serves every GuardDuty path both bare and under a region prefix (ARCHITECTURE.md, "API", Regions): before
 * matching, {@code /eu-west-1/detector/...} (or {@code /invitation/...}, {@code /tags/...}) becomes {@code /detector/...} and
 * {@code eu-west-1} the request's region in {@link TenantContext}; a bare path is in {@code vigil.default-region}.
 * So an unmodified AWS SDK whose endpoint is {@code https://vigil.example.com/eu-west-1} works in that region. The
 * region always comes from the path, never from a header or body.
 *
 * <p>AWS SDKs send rest-json bodies as {@code application/x-amz-json-1.1}; they are read as JSON.
 *
 * <p>The region is then checked against the served regions by {@code region.RegionCheck} (one place for every
 * service).
 */
public class RegionPrefixFilter {

    /** AWS-style region names (us-east-1, eu-west-3, us-gov-west-1, ap-southeast-2, ...) before a GuardDuty path. */
    static final Pattern PREFIXED = Pattern.compile("^/([a-z]{2}(?:-[a-z]+)+-\\d{1,2})(/(?:detector|invitation|tags)(?:/.*)?)$");

    private final TenantContext tenant;

    /** Creates the filter. */
    public RegionPrefixFilter(TenantContext tenant) {
        this.tenant = tenant;
    }

    /** A request path split into its region prefix and the GuardDuty path, or {@code null} without a prefix. */
    record Prefixed(String region, String path) {

        static Prefixed of(String rawPath) {
            Matcher m = PREFIXED.matcher(rawPath);
            return m.matches() ? new Prefixed(m.group(1), m.group(2)) : null;
        }
    }

    /** Strips a region prefix and records the request's region. */
    @ServerRequestFilter(preMatching = true)
    public void region(ContainerRequestContext ctx) {
        String contentType = ctx.getHeaderString("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-amz-json")) {
            ctx.getHeaders().putSingle("Content-Type", "application/json");
        }
        URI uri = ctx.getUriInfo().getRequestUri();
        Prefixed prefixed = Prefixed.of(uri.getRawPath());
        if (prefixed != null) {
            tenant.region(prefixed.region());
            String query = uri.getRawQuery();
            ctx.setRequestUri(URI.create(prefixed.path() + (query == null ? "" : "?" + query)));
        }
    }
}
