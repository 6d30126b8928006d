package dev.vigil.detector.s3data;

import dev.vigil.detector.behavior.Anomaly;
import dev.vigil.detector.behavior.BehaviorConfig;
import dev.vigil.detector.behavior.BucketBurst;
import dev.vigil.detector.behavior.CloudTrailBehavior;
import dev.vigil.detector.behavior.Profile;
import dev.vigil.detector.behavior.Welford;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.CloudTrailSignatures;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Severities;
import dev.vigil.events.CloudTrailRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The learned S3 data-event types of one principal (the stream key), against its {@link Profile} of S3 data events
 * (GuardDuty user guide, "S3 finding types": the IAM entity's calls "differ from that entity's established baseline
 * ... no prior history of invoking this type of API, or the API was invoked from an unusual location").
 *
 * <ul>
 * <li>After the learning period ({@code detector.behavior.learning-period}, 7 days), a call whose API, caller network
 * (IPv4 /16, IPv6 /48) or user-agent product the principal never used for S3 data events:
 * {@code Exfiltration:S3/ObjectRead.Unusual} for an object read (Medium; High when the credentials are an EC2
 * instance's, as GuardDuty documents), {@code Discovery:S3/AnomalousBehavior} (Low),
 * {@code Impact:S3/AnomalousBehavior.Write} (Medium), {@code .Delete} (High) or {@code .Permission} (High) by the
 * API's {@link S3Tactic}. A new bucket or object alone is not unusual (applications create them all the time).
 * <li>{@code Exfiltration:S3/AnomalousBehavior} (High): object reads in one event-time bucket
 * ({@code detector.behavior.burst.bucket}, 10 minutes) at least {@code burst.min-calls} (100) and above
 * {@code burst.factor} (10) times the principal's learned mean per active bucket: a bulk download.
 * </ul>
 *
 * Severities of the AnomalousBehavior types are GuardDuty's documented defaults (user guide, "S3 finding types",
 * 2024 edition; not in the 2023 archive of shared/samples).
 */
public final class S3DataBehavior {

    static final String API = "s3Api";
    static final String NETWORK = "callerNetwork";
    static final String USER_AGENT = "userAgent";
    static final String READS = "objectReadsPerActiveBucket";
    static final String OBJECT_READ_UNUSUAL = "Exfiltration:S3/ObjectRead.Unusual";
    static final String BULK_READ = "Exfiltration:S3/AnomalousBehavior";
    private static final Pattern INSTANCE_SESSION = Pattern.compile(".+:i-[0-9a-f]{8,17}$");

    private final BehaviorConfig config;
    /** Object reads per bucket (counters {@code read*}). */
    private final BucketBurst reads;

    /** Rules with {@code config}. */
    public S3DataBehavior(BehaviorConfig config) {
        this.config = config;
        this.reads = new BucketBurst("read", READS, config.burst().bucket());
    }

    /** Evaluates S3 data event {@code ct} against {@code p}, learning as it goes ({@code p} is updated in place). */
    public List<Anomaly.Result> evaluate(Profile p, CloudTrailRecord ct) {
        List<Anomaly.Result> out = new ArrayList<>();
        if (ct.eventName() == null) {
            return out;
        }
        long t = ct.eventTimeMillis();
        boolean learned = p.learned(t, config.learningPeriod().toMillis());
        Map<String, String> features = new LinkedHashMap<>();
        features.put(API, ct.eventName());
        String network = CloudTrailBehavior.network(ct.sourceIPAddress());
        if (network != null) {
            features.put(NETWORK, network);
        }
        String agent = CloudTrailBehavior.userAgentProduct(ct.userAgent());
        if (agent != null) {
            features.put(USER_AGENT, agent);
        }
        S3Tactic tactic = S3Tactic.of(ct.eventName());
        if (learned) {
            Anomaly a = new Anomaly(ct.principalId());
            List<String> unseen = new ArrayList<>();
            features.forEach((k, v) -> {
                if (!p.hasSeen(k, v)) {
                    a.unseen(k, v);
                    unseen.add(k + " " + v);
                }
                a.learnedTexts(k, p.values(k));
            });
            if (!unseen.isEmpty()) {
                out.add(new Anomaly.Result(unusual(ct, tactic, String.join(", ", unseen)), a.detection()));
            }
        }
        features.forEach((k, v) -> p.see(k, v, config.maxValuesPerFeature()));
        if (tactic == S3Tactic.EXFILTRATION) {
            bulkRead(p, ct, t, learned).ifPresent(out::add);
        }
        p.lastMs = Math.max(p.lastMs, t);
        return out;
    }

    /** The type and severity of an unusual call of {@code tactic}. */
    static String type(S3Tactic tactic) {
        return switch (tactic) {
            case EXFILTRATION -> OBJECT_READ_UNUSUAL;
            case DISCOVERY -> "Discovery:S3/AnomalousBehavior";
            case WRITE -> "Impact:S3/AnomalousBehavior.Write";
            case DELETE -> "Impact:S3/AnomalousBehavior.Delete";
            case PERMISSION -> "Impact:S3/AnomalousBehavior.Permission";
        };
    }

    static double severity(S3Tactic tactic, boolean instanceCredentials) {
        return switch (tactic) {
            case EXFILTRATION -> instanceCredentials ? Severities.HIGH : Severities.MEDIUM;
            case DISCOVERY -> Severities.LOW;
            case WRITE -> Severities.MEDIUM;
            case DELETE, PERMISSION -> Severities.HIGH;
        };
    }

    private Hit unusual(CloudTrailRecord ct, S3Tactic tactic, String unseen) {
        long t = ct.eventTimeMillis();
        String bucket = S3Blocks.bucket(ct);
        boolean instance = INSTANCE_SESSION.matcher(ct.principalId()).matches();
        String d = "S3 API " + ct.eventName() + " on bucket " + bucket + " was invoked by " + Blocks.userName(ct)
                + " in an unusual way: " + unseen + " never seen in this principal's S3 data events.";
        return new Hit(type(tactic), severity(tactic, instance), "An IAM entity invoked S3 API " + ct.eventName()
                + " in a suspicious way.", d, ct.principalId() + "|" + bucket, CloudTrailSignatures.evidence(ct),
                S3Blocks.resource(ct), S3Blocks.action(ct), Blocks.TARGET, List.of(), 1, t, t, null);
    }

    private Optional<Anomaly.Result> bulkRead(Profile p, CloudTrailRecord ct, long t, boolean learned) {
        long count = reads.count(p, t);
        if (count == 0) {
            return Optional.empty(); // a late record of an older bucket: too late to count
        }
        Welford w = p.stat(READS);
        if (!learned || reads.fired(p) || count < config.burst().minCalls()
                || count <= config.burst().factor() * w.mean) {
            return Optional.empty();
        }
        reads.fire(p);
        String b = S3Blocks.bucket(ct);
        String d = Blocks.userName(ct) + " read " + count + " objects within " + config.burst().bucket().toMinutes()
                + " minutes (last from bucket " + b + "), far above its learned mean of " + Math.round(w.mean)
                + " per active period.";
        Anomaly a = new Anomaly(ct.principalId()).learnedNumbers(READS, w.mean, w.stdDev(), w.n).rare(READS, count);
        return Optional.of(new Anomaly.Result(new Hit(BULK_READ, Severities.HIGH, "An IAM entity read an unusual "
                + "volume of S3 objects.", d, ct.principalId() + "|bulk-read", CloudTrailSignatures.evidence(ct),
                S3Blocks.resource(ct), S3Blocks.action(ct), Blocks.TARGET, List.of(), 1, t, t, null), a.detection()));
    }
}
