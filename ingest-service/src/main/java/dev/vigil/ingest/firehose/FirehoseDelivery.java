package dev.vigil.ingest.firehose;

import dev.vigil.events.LogSourceState;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.parse.LineError;
import dev.vigil.ingest.service.IngestResult;
import dev.vigil.ingest.service.IngestService;
import dev.vigil.ingest.service.RateLimiter;
import dev.vigil.ingest.sources.LogSourceDirectory;
import dev.vigil.ingest.sources.ReadLedger;
import dev.vigil.ingest.sources.SourceStatusBoard;
import dev.vigil.web.Caller;
import dev.vigil.web.ErrorType;
import dev.vigil.web.GuardDutyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

/**
 * Firehose HTTP endpoint delivery to a {@code FIREHOSE} log source (issue 15 item 4): authenticates the request by
 * the source's access key, splits its records by log type ({@link FirehoseRecords}) and ingests each type as one
 * submission of the source's account, whose ID is the source and Firehose's request ID: Firehose retries a request
 * with the same request ID, so a retry gives the same event IDs and counts once downstream (as a re-read S3 object
 * does). It returns only once Kafka acknowledged every accepted record (else 503, and Firehose retries).
 *
 * <p>The account is always the source's (from {@code vigil.log-sources.v1}), never the body's: records naming
 * another account are per-line errors, as for any caller with role {@code ingest}. Per-line errors do not fail the
 * request (a retry would not mend them); they are reported on the source's status ({@link SourceStatusBoard}, shown
 * by GetLogSource) as {@code firehose <requestId> records[i]} with the line within the record.
 */
@ApplicationScoped
public class FirehoseDelivery {

    /** The longest access key Firehose sends (its documented limit, bytes). */
    static final int MAX_KEY_BYTES = 4096;
    /** Compared against when the source is unknown, so that an unknown source costs the same as a wrong key. */
    private static final byte[] NO_KEY = new byte[32];

    private final LogSourceDirectory directory;
    private final IngestService ingest;
    private final RateLimiter limiter;
    private final SourceStatusBoard board;
    private final IngestConfig config;
    private final ReadLedger ledger;

    /** Creates the delivery. */
    public FirehoseDelivery(LogSourceDirectory directory, IngestService ingest, RateLimiter limiter,
            SourceStatusBoard board, IngestConfig config, ReadLedger ledger) {
        this.ledger = ledger;
        this.directory = directory;
        this.ingest = ingest;
        this.limiter = limiter;
        this.board = board;
        this.config = config;
    }

    /**
     * What a delivery did: Firehose's request ID and the exact counts over all its records' lines or elements
     * (skipped includes empty records and CloudWatch Logs control messages).
     */
    public record Delivered(String requestId, long accepted, long rejected, long skipped) {
    }

    /**
     * The enabled {@code FIREHOSE} source {@code logSourceId} whose access key is {@code accessKey}, before any of the
     * body is read.
     *
     * @throws GuardDutyException 401 without a key; 403 AccessDeniedException when the key is not the source's, the
     *         source is unknown, deleted or of another kind (all answered alike, so an ID of another tenant's source
     *         reveals nothing), or the source is disabled (said only to a caller holding its key); 503 for a source
     *         not (yet) known while the directory has not read its topic to the end after a start
     */
    public LogSourceState authenticate(String logSourceId, String accessKey) {
        if (accessKey == null || accessKey.isEmpty()) {
            throw new GuardDutyException(401, ErrorType.UNAUTHORIZED, "X-Amz-Firehose-Access-Key is missing: configure"
                    + " the stream's HTTP endpoint access key as the one Vigil issued for this log source", 0);
        }
        LogSourceState s = directory.find(logSourceId);
        if (s == null && !directory.caughtUp()) {
            throw GuardDutyException.serviceUnavailable("ingest is still reading the log sources after its start;"
                    + " retry later (nothing of this request was read)");
        }
        byte[] want = s != null && "FIREHOSE".equals(s.kind()) && s.firehoseKeyHash() != null
                ? HexFormat.of().parseHex(s.firehoseKeyHash()) : NO_KEY;
        boolean sized = accessKey.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
        byte[] given = HexFormat.of().parseHex(LogSourceState.firehoseKeyHash(sized ? accessKey : ""));
        if (!MessageDigest.isEqual(given, want) || want == NO_KEY || !sized) {
            throw GuardDutyException.accessDenied("The access key is not valid for this log source endpoint.");
        }
        if (!s.enabled()) {
            throw GuardDutyException.accessDenied("Log source " + logSourceId + " is disabled; enable it with"
                    + " UpdateLogSource to receive deliveries.");
        }
        return s;
    }

    /**
     * Admits a request of {@code source} under its account's request rate limit.
     *
     * @throws GuardDutyException 429 with {@code Retry-After} over the limit
     */
    public Caller admit(LogSourceState source) {
        Caller caller = new Caller("log-source/" + source.logSourceId(), source.accountId(), Set.of("ingest"));
        limiter.admit(caller);
        return caller;
    }

    /**
     * Ingests the decompressed request {@code body} for {@code source}.
     *
     * @param headerRequestId {@code X-Amz-Firehose-Request-Id}, or null; when given it must equal the body's
     * @throws GuardDutyException 400 for a body that is not a Firehose request, a record that cannot be decoded
     *         (named {@code records[i]}) or records that are not their log type at all; 413 over
     *         {@code vigil.ingest.max-body-bytes}; 503 when the account states are not read yet or Kafka did not
     *         acknowledge within {@code vigil.ingest.publish-timeout} (a retry is then harmless)
     */
    public Delivered deliver(LogSourceState source, Caller caller, String headerRequestId, byte[] body) {
        FirehoseRequest req = FirehoseRequest.parse(body);
        if (headerRequestId != null && !headerRequestId.equals(req.requestId())) {
            throw GuardDutyException.badRequest("requestId: '" + req.requestId()
                    + "' is not the X-Amz-Firehose-Request-Id header's value");
        }
        FirehoseRecords.Split split = FirehoseRecords.split(req.records(), source.logType(), config.maxBodyBytes());
        String where = "firehose " + req.requestId();
        String submissionId = "firehose/" + source.logSourceId() + "/" + req.requestId();
        SourceStatusBoard.Tally tally = board.of(source.logSourceId(), source.accountId());
        if (ledger.done(submissionId)) { // a retry of a request acknowledged before: its 200 was lost or late
            tally.skipped(where, "already delivered (a Firehose retry)");
            return new Delivered(req.requestId(), 0, 0, 0);
        }
        long accepted = 0;
        long rejected = 0;
        long skipped = split.skipped();
        for (FirehoseRecords.Body b : split.bodies()) {
            IngestResult r;
            try {
                r = ingest.object(b.source(), b.content(), source.sourceRegion(), caller, submissionId, null);
            } catch (GuardDutyException e) {
                if (e.status() == 400) {
                    String reason = "records" + describe(b.records()) + ": not " + b.source().tag + " records: "
                            + e.getMessage();
                    tally.error(where, null, reason);
                    throw GuardDutyException.badRequest(reason);
                }
                throw e;
            }
            for (LineError err : r.errors()) {
                if (err.line() != null) {
                    tally.error(where + " records[" + b.recordOf(err.line()) + "]", b.lineInRecord(err.line()), err.reason());
                } else {
                    tally.error(where + " " + b.source().tag + " element " + err.index(), null, err.reason());
                }
            }
            accepted += r.accepted();
            rejected += r.rejected();
            skipped += r.skipped();
        }
        ledger.record(submissionId);
        tally.read(where, accepted);
        return new Delivered(req.requestId(), accepted, rejected, skipped);
    }

    /** {@code [i]} for one record, {@code [i, j, ...]} for a few, {@code [i, j, ... (n in all)]} for many. */
    private static String describe(int[] records) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < Math.min(records.length, 5); k++) {
            sb.append(k == 0 ? "" : ", ").append(records[k]);
        }
        if (records.length > 5) {
            sb.append(", ... (").append(records.length).append(" in all)");
        }
        return sb.append(']').toString();
    }
}
