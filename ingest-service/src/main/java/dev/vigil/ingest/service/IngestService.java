package dev.vigil.ingest.service;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.S3DataEvents;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Keys;
import dev.vigil.events.UsageRecord;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.messaging.AccountDirectory;
import dev.vigil.ingest.messaging.Batch;
import dev.vigil.ingest.messaging.LogPublisher;
import dev.vigil.ingest.parse.CloudTrailParser;
import dev.vigil.ingest.parse.DnsLogParser;
import dev.vigil.ingest.parse.FlowLogParser;
import dev.vigil.ingest.parse.LineError;
import dev.vigil.ingest.parse.ParseContext;
import dev.vigil.ingest.parse.ParseOutcome;
import dev.vigil.ingest.parse.ParseSink;
import dev.vigil.ingest.parse.Pos;
import dev.vigil.web.Caller;
import dev.vigil.web.GuardDutyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.Producer;

/**
 * Parses a submitted body, checks every record against the caller's rights and the accounts' detectors, publishes
 * the accepted records and their usage, and waits for Kafka's acknowledgement of every one before answering.
 *
 * <p>A record is a per-line error when the caller may not submit its account ({@link #refusal}) or when its
 * account has no enabled detector in its region (from {@code vigil.accounts.state.v1}) or is over its record rate
 * limit ({@link RateLimiter}). A body that is not the
 * declared format at all is a 400; when the broker does not acknowledge every record within
 * {@code vigil.ingest.publish-timeout}, the answer is 503 (records already written stay; their deterministic event
 * IDs make a retry harmless to consumers that ignore known IDs).
 */
@ApplicationScoped
public class IngestService {

    /**
     * The realm role of a central log pipeline: it submits records of any account (ARCHITECTURE.md, "Tenancy and
     * identity"); role {@code ingest} submits its own account's only.
     */
    public static final String COLLECTOR = "collector";

    private final FlowLogParser flowParser = new FlowLogParser();
    private final DnsLogParser dnsParser = new DnsLogParser();
    private final io.quarkus.vertx.http.runtime.CurrentVertxRequest request;

    /** The client's {@code Idempotency-Key} header (at most 128 characters), else a random ID for this request. */
    private String submissionId() {
        var rc = request.getCurrent();
        String key = rc == null ? null : rc.request().getHeader("Idempotency-Key");
        return key != null && !key.isBlank() && key.length() <= 128 ? "key:" + key : java.util.UUID.randomUUID().toString();
    }
    private final CloudTrailParser cloudTrailParser = new CloudTrailParser();
    private final LogPublisher publisher;
    private final AccountDirectory accounts;
    private final IngestConfig config;
    private final IngestMetrics metrics;
    private final RateLimiter limiter;

    /** Creates the service. */
    public IngestService(LogPublisher publisher, AccountDirectory accounts, IngestConfig config, MeterRegistry registry,
            io.quarkus.vertx.http.runtime.CurrentVertxRequest request, RateLimiter limiter) {
        this.limiter = limiter;
        this.request = request;
        this.publisher = publisher;
        this.accounts = accounts;
        this.config = config;
        this.metrics = new IngestMetrics(registry);
    }

    /** Ingests VPC Flow Log text; records without a {@code region} field get {@code region}. */
    public IngestResult flowLogs(byte[] body, String region, Caller caller) {
        String text = new String(body, StandardCharsets.UTF_8);
        return ingest(FLOW, (ctx, sink) -> flowParser.parse(text, ctx, sink), region, caller);
    }

    /** Ingests Route 53 Resolver query logs; records without a {@code region} member get {@code region}. */
    public IngestResult dnsLogs(byte[] body, String region, Caller caller) {
        return ingest(DNS, (ctx, sink) -> dnsParser.parse(body, ctx, sink), region, caller);
    }

    /** Ingests CloudTrail; events without {@code awsRegion} get {@code region}. */
    public IngestResult cloudTrail(byte[] body, String region, Caller caller) {
        return ingest(CLOUDTRAIL, (ctx, sink) -> cloudTrailParser.parse(body, ctx, sink), region, caller);
    }

    /** How one data source's records are published and metered. */
    private record Kind<T>(Source source, Function<T, String> account, Function<T, String> region,
            Function<T, String> resource, ToLongFunction<T> eventTime, Function<T, String> eventId,
            Sender<T> sender) {
    }

    @FunctionalInterface
    private interface Sender<T> {
        void send(LogPublisher publisher, T record, long fallbackTs, Batch batch);
    }

    @FunctionalInterface
    private interface Parse<T> {
        ParseOutcome run(ParseContext ctx, ParseSink<T> sink);
    }

    private static final Kind<FlowLogRecord> FLOW = new Kind<>(Source.FLOW, FlowLogRecord::accountId,
            FlowLogRecord::region, r -> resource(r.key()), FlowLogRecord::eventTimeMillis, FlowLogRecord::eventId,
            LogPublisher::send);
    private static final Kind<DnsLogRecord> DNS = new Kind<>(Source.DNS, DnsLogRecord::accountId,
            DnsLogRecord::region, r -> resource(r.key()), DnsLogRecord::eventTimeMillis, DnsLogRecord::eventId,
            LogPublisher::send);
    private static final Kind<CloudTrailRecord> CLOUDTRAIL = new Kind<>(Source.CLOUDTRAIL,
            CloudTrailRecord::accountId, CloudTrailRecord::region, CloudTrailRecord::principalId,
            CloudTrailRecord::eventTimeMillis, CloudTrailRecord::eventId, LogPublisher::send);

    private <T> IngestResult ingest(Kind<T> kind, Parse<T> parse, String region, Caller caller) {
        return ingest(kind, parse, region, caller, submissionId(), null);
    }

    private <T> IngestResult ingest(Kind<T> kind, Parse<T> parse, String region, Caller caller, String submissionId,
            Producer<String, Object> transaction) {
        if (!accounts.caughtUp()) {
            metrics.request(kind.source(), System.nanoTime(), "unavailable");
            throw GuardDutyException.serviceUnavailable("ingest is still reading the account states after its start;"
                    + " retry later (nothing of this request was read)");
        }
        long now = System.currentTimeMillis();
        Tally<T> tally = new Tally<>(kind, caller, now, transaction);
        ParseOutcome outcome = parse.run(new ParseContext(caller.accountId(), region, now,
                config.maxFutureSkew().toMillis(), config.jsonFieldCapBytes(), submissionId), tally);
        return finish(tally, outcome);
    }

    /**
     * Ingests one log object that Vigil read itself (package {@code sources}): as a submission of {@code caller}
     * whose ID is {@code submissionId} (the object's bucket, key and version or ETag), so that reading the same
     * object again gives the same event IDs and counts once downstream.
     *
     * <p>With {@code transaction} (a producer whose transaction the caller began) every record and usage record goes
     * into that transaction, and this returns once the broker acknowledged them; they become visible to read_committed
     * consumers only when the caller commits.
     *
     * @param transaction a transactional producer with an open transaction, or null (each channel's own producer)
     * @throws GuardDutyException 400 when the object is not {@code source}'s format, 503 when Kafka did not acknowledge
     */
    public IngestResult object(Source source, byte[] body, String region, Caller caller, String submissionId,
            Producer<String, Object> transaction) {
        return switch (source) {
            case FLOW -> {
                String text = new String(body, StandardCharsets.UTF_8);
                yield ingest(FLOW, (ctx, sink) -> flowParser.parse(text, ctx, sink), region, caller, submissionId,
                        transaction);
            }
            case DNS -> ingest(DNS, (ctx, sink) -> dnsParser.parse(body, ctx, sink), region, caller, submissionId,
                    transaction);
            // S3 data events arrive inside CloudTrail objects, metered apart by the CloudTrail path
            case CLOUDTRAIL, S3_DATA -> ingest(CLOUDTRAIL, (ctx, sink) -> cloudTrailParser.parse(body, ctx, sink),
                    region, caller, submissionId, transaction);
        };
    }

    /** Why {@code caller} may not submit a record of {@code recordAccount}, or {@code null} when it may. */
    static String refusal(Caller caller, String recordAccount) {
        if (caller.hasRole(COLLECTOR) || recordAccount.equals(caller.accountId())) {
            return null;
        }
        return "account " + recordAccount + " is not the caller's account; role ingest submits its own account's"
                + " logs only";
    }

    private static long timeOf(long eventTime, long now) {
        return eventTime > 0 ? eventTime : now;
    }

    /** The bucket of an S3 data event ({@code requestParameters.bucketName}), else its principal. */
    private static String bucketOf(CloudTrailRecord ct) {
        var p = ct.requestParameters();
        return p != null && p.hasNonNull("bucketName") ? p.get("bucketName").asText() : ct.principalId();
    }

    private static String resource(String key) {
        return key.substring(key.indexOf('/') + 1);
    }

    private IngestResult finish(Tally<?> t, ParseOutcome outcome) {
        if (!outcome.recognised()) {
            if (t.batch.sent() > 0) {
                // cannot happen by the parsers' contract; never hide records that were sent
                Log.errorf("parser refused a body after accepting %d records", t.batch.sent());
            } else {
                metrics.request(t.source, t.started, "bad_request");
                throw GuardDutyException.badRequest(outcome.reason());
            }
        }
        await(t.batch.seal(), t);
        List<UsageRecord> usage = new ArrayList<>(t.usage.records());
        usage.addAll(t.s3Usage.records());
        if (!usage.isEmpty()) {
            Batch ub = new Batch(t.batch.transaction());
            for (UsageRecord u : usage) {
                publisher.send(u, System.currentTimeMillis(), ub); // Kafka timestamp: now (epoch ms)
            }
            await(ub.seal(), t);
        }
        metrics.records(t.source, t.accepted, t.rejected, t.skipped);
        metrics.request(t.source, t.started, "ok");
        return new IngestResult(t.accepted, t.rejected, t.skipped, t.errors);
    }

    private void await(CompletableFuture<Void> done, Tally<?> t) {
        long timeout = config.publishTimeout().toMillis();
        try {
            done.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            metrics.request(t.source, t.started, "unavailable");
            throw GuardDutyException.serviceUnavailable("Kafka did not acknowledge the records within "
                    + timeout + " ms; retry later (re-sent records keep their event IDs)");
        } catch (ExecutionException e) {
            metrics.request(t.source, t.started, "unavailable");
            Log.warnf("publishing %s records failed: %s", t.source.tag, e.getCause());
            throw GuardDutyException.serviceUnavailable(
                    "Kafka did not acknowledge the records; retry later (re-sent records keep their event IDs)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GuardDutyException.serviceUnavailable("interrupted while waiting for Kafka");
        }
    }

    /**
     * One request: lets a record through only when the caller may submit its account and the account analyses the
     * record's region, then publishes and meters it; counts everything and keeps the first errors.
     */
    private final class Tally<T> implements ParseSink<T> {
        final Kind<T> kind;
        final Source source;
        final Caller caller;
        final long started = System.nanoTime();
        final long now;
        final Batch batch;
        final UsageMeter usage;
        /** S3 data events of a CloudTrail submission, metered apart ({@link Source#S3_DATA}). */
        final UsageMeter s3Usage = new UsageMeter(Source.S3_DATA);
        final List<LineError> errors = new ArrayList<>();
        /** Per account of this request: the rate-limit refusal when it is over its record limit, else "". */
        final Map<String, String> throttled = new HashMap<>();
        long accepted;
        long rejected;
        long skipped;

        Tally(Kind<T> kind, Caller caller, long now, Producer<String, Object> transaction) {
            this.batch = new Batch(transaction);
            this.kind = kind;
            this.source = kind.source();
            this.caller = caller;
            this.now = now;
            this.usage = new UsageMeter(source);
        }

        @Override
        public void accept(T record, Pos pos, int sizeBytes) {
            String acc = kind.account().apply(record);
            String reg = kind.region().apply(record);
            String refusal = refusal(caller, acc);
            if (refusal == null && (!Keys.isAccountId(acc) || !accounts.analyses(acc, reg))) {
                refusal = "account " + acc + " has no enabled detector in region " + reg;
            }
            if (refusal == null) {
                String limited = throttled.computeIfAbsent(acc, a -> Objects.requireNonNullElse(limiter.recordRefusal(a), ""));
                refusal = limited.isEmpty() ? null : limited;
            }
            if (refusal != null) {
                reject(pos, refusal);
                return;
            }
            CloudTrailRecord s3 = record instanceof CloudTrailRecord ct && S3DataEvents.is(ct) ? ct : null;
            if (s3 != null && !accounts.analysesS3DataEvents(acc, reg)) {
                // GuardDuty: with S3 Protection off, S3 data events are neither analysed nor billed
                skip(pos, "S3 data event: feature S3_DATA_EVENTS is not enabled on the detector of " + acc + " in "
                        + reg);
                return;
            }
            kind.sender().send(publisher, record, now, batch);
            limiter.charge(acc, 1);
            if (s3 != null) {
                s3Usage.add(acc, reg, bucketOf(s3), timeOf(s3.eventTimeMillis(), now), sizeBytes,
                        kind.eventId().apply(record));
            } else {
                usage.add(acc, reg, kind.resource().apply(record), timeOf(kind.eventTime().applyAsLong(record), now),
                        sizeBytes, kind.eventId().apply(record));
            }
            accepted++;
        }

        @Override
        public void reject(Pos pos, String reason) {
            rejected++;
            if (errors.size() < config.maxErrors()) {
                errors.add(pos.error(reason));
            }
        }

        @Override
        public void skip(Pos pos, String reason) {
            skipped++;
        }
    }
}
