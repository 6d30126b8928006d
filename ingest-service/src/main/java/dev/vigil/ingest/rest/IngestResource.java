package dev.vigil.ingest.rest;

import dev.vigil.ingest.body.BodyReader;
import dev.vigil.ingest.cloudwatch.SubscriptionPayload;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.parse.Regions;
import dev.vigil.ingest.rest.dto.IngestResponse;
import dev.vigil.ingest.service.IngestResult;
import dev.vigil.ingest.service.IngestService;
import dev.vigil.ingest.service.RateLimiter;
import dev.vigil.web.Caller;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.TenantContext;
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
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ingest API. Each endpoint takes a plain or gzip body (Content-Encoding gzip, Content-Type application/gzip,
 * or gzip magic bytes), at most {@code vigil.ingest.max-body-bytes} after decompression, and answers 200
 * {@code {accepted, rejected, skipped, errors:[{line|index, reason}]}} once Kafka acknowledged every accepted record.
 * Errors use GuardDuty's shape: 400 BadRequestException (not the declared format, bad parameter), 413
 * PayloadTooLargeException, 429 TooManyRequestsException with {@code Retry-After} (a per-account rate limit,
 * {@link RateLimiter}), 503 ServiceUnavailableException (Kafka did not acknowledge in time); 401 for a missing or
 * invalid token, 403 AccessDeniedException for a role other than {@code ingest}/{@code collector} or an
 * {@code ingest} caller whose identity names no account.
 *
 * <p>Each endpoint also takes a CloudWatch Logs subscription payload carrying its log type (plain JSON, gzip, or
 * base64 gzip as Firehose and Lambda carry it; {@link SubscriptionPayload}): a {@code DATA_MESSAGE}'s events are
 * read as the body's lines (line n, or index n - 1, is {@code logEvents[n - 1]}); a {@code CONTROL_MESSAGE} is
 * answered 200 with nothing accepted and one skipped.
 *
 * <p>{@code region} (optional, default {@code vigil.default-region}) is the region of records that name none.
 */
@Path("/ingest/v1")
@RolesAllowed({"ingest", "collector"})
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    /** The answer to a CloudWatch Logs {@code CONTROL_MESSAGE}: acknowledged, nothing to ingest, one skipped. */
    private static final IngestResponse CONTROL_MESSAGE = IngestResponse.of(new IngestResult(0, 0, 1, List.of()));

    private final IngestService service;
    private final IngestConfig config;
    private final RateLimiter limiter;
    private final TenantContext tenant;
    private final String defaultRegion;

    /** Creates the resource. */
    public IngestResource(IngestService service, IngestConfig config, RateLimiter limiter, TenantContext tenant,
            @ConfigProperty(name = "vigil.default-region", defaultValue = "us-east-1") String defaultRegion) {
        this.service = service;
        this.config = config;
        this.limiter = limiter;
        this.tenant = tenant;
        this.defaultRegion = defaultRegion;
    }

    /** VPC Flow Logs (text, default or custom format with header lines). */
    @POST
    @Path("/flow-logs")
    public IngestResponse flowLogs(@QueryParam("region") String region,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
        return ingest(region, encoding, type, body, service::flowLogs);
    }

    /** Route 53 Resolver query logs (JSON lines or a JSON array). */
    @POST
    @Path("/dns-logs")
    public IngestResponse dnsLogs(@QueryParam("region") String region,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
        return ingest(region, encoding, type, body, service::dnsLogs);
    }

    /** CloudTrail (log file, array, one event, EventBridge envelope). */
    @POST
    @Path("/cloudtrail")
    public IngestResponse cloudTrail(@QueryParam("region") String region,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
        return ingest(region, encoding, type, body, service::cloudTrail);
    }

    /** One of the service's ingest operations. */
    @FunctionalInterface
    private interface Submit {
        IngestResult apply(byte[] body, String region, Caller caller);
    }

    /** Admits the caller, reads the body (gzip, CloudWatch Logs payload) and submits it. */
    private IngestResponse ingest(String region, String encoding, String type, InputStream body, Submit submit) {
        String r = region(region);
        Caller c = admit();
        byte[] bytes = BodyReader.read(body, encoding, type, config.maxBodyBytes());
        SubscriptionPayload.Unpacked cwl = SubscriptionPayload.unpack(bytes, config.maxBodyBytes());
        if (cwl != null && cwl.control()) {
            return CONTROL_MESSAGE;
        }
        return IngestResponse.of(submit.apply(cwl == null ? bytes : cwl.lines(), r, c));
    }

    private String region(String region) {
        if (region == null || region.isEmpty()) {
            return defaultRegion;
        }
        if (!Regions.isRegion(region)) {
            throw GuardDutyException.badRequest("region: '" + region + "' is not a region name");
        }
        return region;
    }

    /**
     * The caller, once its rate limits admit this request (before the body is read).
     *
     * @throws GuardDutyException 403 when a caller without role {@code collector} names no account; 429 over a limit
     */
    private Caller admit() {
        Caller c = tenant.caller();
        if (!c.hasRole(IngestService.COLLECTOR)) {
            c.requireAccount();
        }
        limiter.admit(c);
        return c;
    }
}
