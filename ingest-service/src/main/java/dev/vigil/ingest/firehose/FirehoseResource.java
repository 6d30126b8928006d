package dev.vigil.ingest.firehose;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.events.LogSourceState;
import dev.vigil.ingest.body.BodyReader;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.web.Caller;
import dev.vigil.web.GuardDutyException;
import io.quarkus.logging.Log;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The Amazon Data Firehose HTTP endpoint destination of a {@code FIREHOSE} log source:
 * {@code POST /ingest/v1/firehose/{logSourceId}}, the URL to configure on the stream, with the access key Vigil issued
 * when the source was created (CreateLogSource's {@code firehoseAccessKey}) as the stream's access key. Firehose
 * cannot send a bearer token, so this endpoint admits any caller and authenticates by {@code X-Amz-Firehose-Access-Key}
 * instead ({@link FirehoseDelivery#authenticate}).
 *
 * <p>Request and response follow AWS's
 * <a href="https://docs.aws.amazon.com/firehose/latest/dev/httpdeliveryrequestresponse.html">HTTP endpoint delivery
 * request and response specifications</a>: a JSON body {@code {requestId, timestamp, records:[{data}]}}, gzip when
 * {@code Content-Encoding: gzip}; the answer is {@code {"requestId", "timestamp"}} with 200 once Kafka acknowledged
 * every accepted record, else {@code {"requestId", "timestamp", "errorMessage"}} with 400 (not a Firehose request, a
 * record that cannot be decoded, named {@code records[i]}), 401 (no access key), 403 (wrong key, unknown source or
 * another tenant's, disabled source), 413 (over {@code vigil.ingest.max-body-bytes} once decompressed), 429 with
 * {@code Retry-After} (the account's request rate limit), 500, or 503 (Kafka or the account states not available).
 * Firehose retries every answer but 200 with the same request ID until its retry duration ends; the answer comes
 * within {@code vigil.ingest.publish-timeout} (30 s), well inside Firehose's 3-minute request timeout. Per-line
 * rejections (e.g. a record of another account) do not fail the request; GetLogSource shows them.
 */
@Path("/ingest/v1/firehose")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class FirehoseResource {

    /** The header carrying the access key configured on the stream. */
    public static final String ACCESS_KEY = "X-Amz-Firehose-Access-Key";
    /** The header carrying the request ID (the same on every retry of a request). */
    public static final String REQUEST_ID = "X-Amz-Firehose-Request-Id";

    private final FirehoseDelivery delivery;
    private final IngestConfig config;

    /** Creates the resource. */
    public FirehoseResource(FirehoseDelivery delivery, IngestConfig config) {
        this.delivery = delivery;
        this.config = config;
    }

    /**
     * Firehose's response body: the request's ID, the time of the answer (UTC epoch milliseconds) and, on failure,
     * why (Firehose shows it in its delivery error logs).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FirehoseResponse(String requestId, long timestamp, String errorMessage) {
    }

    /** One delivery to log source {@code logSourceId}. */
    @POST
    @Path("/{logSourceId}")
    public Response deliver(@PathParam("logSourceId") String logSourceId, @HeaderParam(ACCESS_KEY) String accessKey,
            @HeaderParam(REQUEST_ID) String requestId, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            InputStream body) {
        try {
            LogSourceState source = delivery.authenticate(logSourceId, accessKey);
            Caller caller = delivery.admit(source);
            byte[] bytes = BodyReader.read(body, encoding, null, config.maxBodyBytes());
            FirehoseDelivery.Delivered d = delivery.deliver(source, caller, requestId, bytes);
            Log.debugf("firehose request %s to source %s: %d accepted, %d rejected, %d skipped", d.requestId(),
                    logSourceId, d.accepted(), d.rejected(), d.skipped());
            return Response.ok(new FirehoseResponse(d.requestId(), System.currentTimeMillis(), null)).build();
        } catch (GuardDutyException e) {
            Log.debugf("firehose request %s to source %s refused with %d: %s", requestId, logSourceId, e.status(),
                    e.getMessage());
            Response.ResponseBuilder r = Response.status(e.status()).entity(new FirehoseResponse(
                    requestId == null ? "" : requestId, System.currentTimeMillis(), e.getMessage()));
            if (e.retryAfterSeconds() > 0) {
                r.header("Retry-After", e.retryAfterSeconds());
            }
            return r.build();
        } catch (RuntimeException e) {
            Log.errorf(e, "firehose request %s to source %s failed", requestId, logSourceId);
            return Response.serverError().entity(new FirehoseResponse(requestId == null ? "" : requestId,
                    System.currentTimeMillis(), "internal error; the request will be retried")).build();
        }
    }
}
