package dev.vigil.ingest.rest;

import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.parse.Regions;
import dev.vigil.ingest.rest.dto.IngestResponse;
import dev.vigil.ingest.security.Caller;
import dev.vigil.ingest.service.IngestService;
import dev.vigil.ingest.service.RateLimiter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The ingest API. Each endpoint takes a plain or gzip body (Content-Encoding gzip, Content-Type application/gzip,
 * or gzip magic bytes), at most {@code vigil.ingest.max-body-bytes} after decompression, and answers 200
 * {@code {accepted, rejected, skipped, errors:[{line|index, reason}]}} once Kafka acknowledged every accepted record.
 * Errors use GuardDuty's shape: 400 BadRequestException (not the declared format, bad parameter), 413
 * PayloadTooLargeException, 429 TooManyRequestsException with {@code Retry-After} (a per-account rate limit,
 * {@link RateLimiter}), 503 ServiceUnavailableException (Kafka did not acknowledge in time); 401/403 for a
 * missing token or a role other than {@code ingest}/{@code collector}.
 *
 * <p>{@code region} (optional, default {@code vigil.default-region}) is the region of records that name none.
 */
@Path("/ingest/v1")
@RolesAllowed({"ingest", "collector"})
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    private final IngestService service;
    private final IngestConfig config;
    private final RateLimiter limiter;
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final String defaultRegion;

    /** Creates the resource. */
    public IngestResource(IngestService service, IngestConfig config, RateLimiter limiter, SecurityIdentity identity, JsonWebToken jwt,
            @ConfigProperty(name = "vigil.default-region", defaultValue = "us-east-1") String defaultRegion) {
        this.service = service;
        this.config = config;
        this.limiter = limiter;
        this.identity = identity;
        this.jwt = jwt;
        this.defaultRegion = defaultRegion;
    }

    /** VPC Flow Logs (text, default or custom format with header lines). */
    @POST
    @Path("/flow-logs")
    public IngestResponse flowLogs(@QueryParam("region") String region,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
        String r = region(region);
        Caller c = admit();
        return service.flowLogs(BodyReader.read(body, encoding, type, config.maxBodyBytes()), r, c);
    }

    /** Route 53 Resolver query logs (JSON lines or a JSON array). */
    @POST
    @Path("/dns-logs")
    public IngestResponse dnsLogs(@QueryParam("region") String region,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
        String r = region(region);
        Caller c = admit();
        return service.dnsLogs(BodyReader.read(body, encoding, type, config.maxBodyBytes()), r, c);
    }

    /** CloudTrail (log file, array, one event, EventBridge envelope). */
    @POST
    @Path("/cloudtrail")
    public IngestResponse cloudTrail(@QueryParam("region") String region,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
        String r = region(region);
        Caller c = admit();
        return service.cloudTrail(BodyReader.read(body, encoding, type, config.maxBodyBytes()), r, c);
    }

    private String region(String region) {
        if (region == null || region.isEmpty()) {
            return defaultRegion;
        }
        if (!Regions.isRegion(region)) {
            throw ApiException.badRequest("region: '" + region + "' is not a region name");
        }
        return region;
    }

    /** The caller, once its rate limits admit this request (before the body is read). */
    private Caller admit() {
        Caller c = Caller.of(identity, jwt);
        if (!c.collector() && c.accountId() == null) {
            throw new jakarta.ws.rs.ForbiddenException();
        }
        limiter.admit(c, identity.getPrincipal().getName());
        return c;
    }
}
