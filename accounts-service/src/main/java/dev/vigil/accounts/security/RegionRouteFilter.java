package dev.vigil.accounts.security;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves every GuardDuty path also under a region prefix: {@code /eu-west-1/detector/...} is rerouted to
 * {@code /detector/...} with the region passed on in {@link TenantContext#REGION_HEADER}. A client-sent region header
 * on a bare path is removed, so the region always comes from the path (or the configured default). AWS SDK bodies
 * ({@code application/x-amz-json-1.1}) are read as JSON.
 */
public class RegionRouteFilter {

    /** AWS-style region names (us-east-1, eu-west-3, us-gov-west-1, ap-southeast-2, ...). */
    static final Pattern PREFIXED = Pattern.compile("^/([a-z]{2}(?:-[a-z]+)+-\\d{1,2})(/(?:detector|invitation)(?:/.*)?)$");
    private static final String MARK = "vigil.region";

    @RouteFilter(1000)
    void region(RoutingContext rc) {
        // AWS SDKs send rest-json bodies as application/x-amz-json-1.1: read them as JSON
        String contentType = rc.request().getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-amz-json")) {
            rc.request().headers().set("Content-Type", "application/json");
        }
        String path = rc.normalizedPath();
        Matcher m = PREFIXED.matcher(path);
        if (m.matches() && rc.get(MARK) == null) {
            rc.put(MARK, m.group(1));
            rc.request().headers().set(TenantContext.REGION_HEADER, m.group(1));
            String query = rc.request().query();
            rc.reroute(m.group(2) + (query == null ? "" : "?" + query));
            return;
        }
        if (rc.get(MARK) == null) {
            rc.request().headers().remove(TenantContext.REGION_HEADER);
        }
        rc.next();
    }
}
