package dev.vigil.accounts.sources;

import dev.vigil.accounts.service.DetectorService;
import dev.vigil.egress.EgressRefusedException;
import dev.vigil.egress.GuardedHttpClient;
import dev.vigil.events.LogSourceState;
import dev.vigil.web.GuardDutyException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Log sources of a tenant (issue 15): create, read, update, delete under the caller's detector, each change committed
 * and then published to {@code vigil.log-sources.v1} (the caller's answer waits for the broker). Another tenant's
 * source, or one under another detector, is answered exactly like a missing one. URLs the reader will connect to
 * (queue URL, endpoint) pass the egress guard (module {@code egress}) when given, as list locations do.
 */
@ApplicationScoped
public class LogSourceService {

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LogSourceRepository sources;
    private final DetectorService detectors;
    private final SourceCredentials credentials;
    private final LogSourcePublisher publisher;
    private final LogSourceReports reports;
    private final GuardedHttpClient egress;
    private final int maxPerRegion;

    public LogSourceService(LogSourceRepository sources, DetectorService detectors, SourceCredentials credentials,
            LogSourcePublisher publisher, LogSourceReports reports, GuardedHttpClient egress,
            @ConfigProperty(name = "vigil.sources.max-per-region", defaultValue = "20") int maxPerRegion) {
        this.sources = sources;
        this.detectors = detectors;
        this.credentials = credentials;
        this.publisher = publisher;
        this.reports = reports;
        this.egress = egress;
        this.maxPerRegion = maxPerRegion;
    }

    /** The answer for a source that is missing, another tenant's, or under another detector. */
    static GuardDutyException missing() {
        return GuardDutyException.badRequest("The request is rejected because the input logSourceId is not owned by the current account.");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private void checkEgress(String member, String url) {
        if (url != null) {
            try {
                egress.guard().checkUrl(url, SCHEMES, false);
            } catch (EgressRefusedException e) {
                throw GuardDutyException.badRequest("The request is rejected because " + member + " is refused: " + e.getMessage() + ".");
            }
        }
    }

    /**
     * What CreateLogSource made: the source's ID and, for kind {@code FIREHOSE}, the access key Firehose must send
     * ({@code X-Amz-Firehose-Access-Key}); this is the only time the key exists outside the caller (only its hash is
     * stored and published), else {@code null}.
     */
    public record Created(String logSourceId, String firehoseAccessKey) {
    }

    /** A new Firehose access key: 32 random bytes (256 bits) from {@link SecureRandom}, Base64url without padding. */
    static String newFirehoseAccessKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * CreateLogSource. A {@code FIREHOSE} source gets a new access key, returned here once.
     *
     * @return the new source's ID and its Firehose access key
     * @throws GuardDutyException 400 for invalid or incomplete settings, another tenant's detector, or the limit of
     *         {@code vigil.sources.max-per-region} (default 20) sources per account and region reached
     */
    public Uni<Created> create(String account, String region, String detectorId, LogSourceSettings req) {
        if (req == null) {
            throw GuardDutyException.badRequest("The request body is required.");
        }
        req.checkMembers();
        if (req.name() == null) {
            throw GuardDutyException.badRequest("name is required.");
        }
        if (req.kind() == null) {
            throw GuardDutyException.badRequest("kind is required. Valid values: " + String.join(", ", LogSourceSettings.KINDS) + ".");
        }
        checkEgress("queueUrl", req.queueUrl());
        checkEgress("endpoint", req.endpoint());
        LogSourceEntity s = new LogSourceEntity();
        s.logSourceId = UUID.randomUUID().toString().replace("-", "");
        s.accountId = account;
        s.region = region;
        s.detectorId = detectorId;
        s.kind = req.kind();
        s.logType = "AUTO";
        s.sourceRegion = region;
        s.status = LogSourceState.ENABLED;
        s.createdAt = now();
        String firehoseKey = "FIREHOSE".equals(s.kind) ? newFirehoseAccessKey() : null;
        s.firehoseKeyHash = firehoseKey == null ? null : LogSourceState.firehoseKeyHash(firehoseKey);
        apply(s, req);
        return change(() -> detectors.require(account, region, detectorId)
                .chain(d -> sources.ofRegion(account, region))
                .chain(existing -> {
                    if (existing.size() >= maxPerRegion) {
                        throw GuardDutyException.badRequest("The request is rejected because the limit of " + maxPerRegion
                                + " log sources per account and region has been reached.");
                    }
                    return sources.persist(s);
                }), null).map(x -> new Created(s.logSourceId, firehoseKey));
    }

    /** Copies the members that are set onto {@code s}, seals new credentials, and checks the result is complete. */
    private void apply(LogSourceEntity s, LogSourceSettings req) {
        if (req.name() != null) {
            s.name = req.name();
        }
        if (req.logType() != null) {
            s.logType = req.logType();
        }
        if (req.region() != null) {
            s.sourceRegion = req.region();
        }
        if (req.queueUrl() != null) {
            s.queueUrl = req.queueUrl();
        }
        if (req.bucket() != null) {
            s.bucket = req.bucket();
        }
        if (req.prefix() != null) {
            s.prefix = req.prefix().isEmpty() ? null : req.prefix();
        }
        if (req.endpoint() != null) {
            s.endpoint = req.endpoint();
        }
        if (req.startTime() != null) {
            s.startTime = req.startInstant();
        }
        if (req.status() != null) {
            s.status = req.status();
        }
        if (req.credentials() != null) {
            s.roleArn = req.credentials().roleArn();
            s.accessKeyId = req.credentials().accessKeyId();
            s.sealedCredentials = credentials.seal(req.credentials(), s.accountId, s.logSourceId);
        }
        s.updatedAt = now();
        LogSourceSettings.checkComplete(s, s.sealedCredentials != null);
    }

    /**
     * Runs {@code work} (which leaves the changed source as its item) in a transaction, then publishes the source's
     * state ({@code status} overrides the source's own, e.g. {@code DELETED}) and waits for the broker.
     */
    private Uni<Void> change(Supplier<Uni<LogSourceEntity>> work, String status) {
        return Panache.withTransaction(() -> work.get().chain(s -> publisher.state(s, status == null ? s.status : status)))
                .chain(publisher::publish);
    }

    /** ListLogSources: the IDs of the caller's sources in its region under {@code detectorId}. */
    @WithSession
    public Uni<List<String>> list(String account, String region, String detectorId) {
        return detectors.require(account, region, detectorId).chain(d -> sources.ofRegion(account, region))
                .map(all -> all.stream().filter(s -> s.detectorId.equals(detectorId)).map(s -> s.logSourceId).toList());
    }

    /** GetLogSource: settings (no secret) and the reader's report. */
    @WithSession
    public Uni<LogSource> get(String account, String region, String detectorId, String logSourceId) {
        return require(account, region, detectorId, logSourceId)
                .chain(s -> reports.report(account, logSourceId).map(r -> view(s, r)));
    }

    /**
     * UpdateLogSource: the members that are set replace the source's; new credentials replace the old ones whole.
     *
     * @return the new Firehose access key when {@code rotateFirehoseAccessKey} asked for one, else {@code null}
     * @throws GuardDutyException 400 for invalid settings, a change of kind, or a key rotation asked of a source that
     *         is not {@code FIREHOSE}
     */
    public Uni<String> update(String account, String region, String detectorId, String logSourceId, LogSourceSettings req) {
        if (req == null) {
            throw GuardDutyException.badRequest("The request body is required.");
        }
        req.checkMembers();
        if (req.kind() != null) {
            throw GuardDutyException.badRequest("kind cannot be changed; create another log source.");
        }
        checkEgress("queueUrl", req.queueUrl());
        checkEgress("endpoint", req.endpoint());
        String newKey = Boolean.TRUE.equals(req.rotateFirehoseAccessKey()) ? newFirehoseAccessKey() : null;
        return change(() -> require(account, region, detectorId, logSourceId).map(s -> {
            if (newKey != null) {
                if (!"FIREHOSE".equals(s.kind)) {
                    throw GuardDutyException.badRequest("rotateFirehoseAccessKey applies to kind FIREHOSE only.");
                }
                s.firehoseKeyHash = LogSourceState.firehoseKeyHash(newKey);
            }
            apply(s, req);
            return s;
        }), null).map(x -> newKey);
    }

    /** DeleteLogSource: the source and its reports are deleted; the reader is told by a last state {@code DELETED}. */
    public Uni<Void> delete(String account, String region, String detectorId, String logSourceId) {
        return change(() -> require(account, region, detectorId, logSourceId)
                .call(s -> reports.deleteOf(logSourceId)).call(sources::delete), LogSourceState.DELETED);
    }

    private Uni<LogSourceEntity> require(String account, String region, String detectorId, String logSourceId) {
        return detectors.require(account, region, detectorId)
                .chain(d -> sources.owned(account, region, detectorId, logSourceId))
                .onItem().ifNull().failWith(LogSourceService::missing);
    }

    private static LogSource view(LogSourceEntity s, LogSource.Report r) {
        return new LogSource(s.logSourceId, s.name, s.kind, s.logType, s.sourceRegion, s.queueUrl, s.bucket, s.prefix,
                s.endpoint, s.roleArn, s.accessKeyId, s.startTime, s.status, s.createdAt, s.updatedAt, r);
    }
}
