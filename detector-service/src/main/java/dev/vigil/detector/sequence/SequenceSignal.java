package dev.vigil.detector.sequence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One signal for the correlation stage: a finding the detector created or updated, or one API call that is not a
 * finding by itself (GuardDuty's "weak signals"), with the actor or instance group it belongs to. It travels on the
 * internal repartition topic {@code vigil-detector-sequence-signals-repartition}, keyed by {@link #stateKey()}, so
 * that every signal of one actor meets in one task.
 *
 * @param scope      {@link Scope#IAM} (key: the principal ID, CloudTrail's {@code userIdentity.principalId}) or
 *                   {@link Scope#EC2} (key: the instance group, {@link FindingSignals#groupKey})
 * @param source     GuardDuty's {@code SignalType}: {@code FINDING}, {@code CLOUD_TRAIL} or {@code S3_DATA_EVENTS}
 * @param name       the finding type, or the API name
 * @param uid        the finding ID, or {@code api:<eventSource>:<eventName>@<address>} (one signal per API and caller)
 * @param tactic     the MITRE ATT&amp;CK tactic ({@link Tactics}), or {@code null} when the signal has none
 * @param technique  the MITRE ATT&amp;CK technique ({@code T1530 Data from Cloud Storage}), or {@code null}
 * @param severity   the finding's severity; {@code null} for API activity
 * @param timeMs     event time (UTC epoch ms) of the activity's last occurrence in this signal
 * @param firstMs    event time of its first occurrence
 * @param count      occurrences this signal adds
 * @param actor      who acted (IAM signals), or {@code null}
 * @param resource   the affected resource, or {@code null}
 * @param endpoint   the remote address or domain, or {@code null}
 * @param indicators GuardDuty {@code IndicatorType} to its value (e.g. {@code TOR_IP} to the address)
 * @param s3Data     whether the signal reads, deletes or exposes S3 data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SequenceSignal(String accountId, String region, String detectorId, Scope scope, String key,
        String source, String name, String uid, String tactic, String technique, Double severity, long timeMs,
        long firstMs, long count, Actor actor, Resource resource, String endpoint, Map<String, String> indicators,
        boolean s3Data) {

    /** What a sequence is about: a credential (IAM and S3 sequences) or a group of instances (EC2). */
    public enum Scope { IAM, EC2 }

    /** GuardDuty's {@code Actor.user}: the principal, its name and type, the access key it used. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String principalId, String userName, String userType, String accessKeyId, String accountId) {
    }

    /**
     * A {@code ResourceV2}: {@code type} is a {@code FindingResourceType} ({@code ACCESS_KEY}, {@code S3_BUCKET},
     * {@code EC2_INSTANCE}); {@code detail} the {@code Resource} JSON of the finding it came from, if any (text).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resource(String type, String uid, String detail) {
    }

    /** The state key: {@code accountId/region/scope/key}. */
    @JsonIgnore
    public String stateKey() {
        return accountId + "/" + region + "/" + scope + "/" + key;
    }

    /** Whether this signal is a finding. */
    @JsonIgnore
    public boolean finding() {
        return "FINDING".equals(source);
    }
}
