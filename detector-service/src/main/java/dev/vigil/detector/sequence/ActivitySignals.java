package dev.vigil.detector.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detector.behavior.ApiTactics;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.events.CloudTrailRecord;
import inet.ipaddr.IPAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API activity that is a signal although it is no finding by itself (GuardDuty's "weak signals"): a successful
 * call by a principal from an address (not an AWS service acting for it, not an address of the tenant's trusted
 * lists) whose API has a MITRE tactic in GuardDuty's table ({@link ApiTactics}), plus S3 data access. Failed calls
 * changed nothing and are not signals here (the reconnaissance findings count them). One signal per API and caller
 * address: whether a call is the intruder's is decided by where it came from ({@link SequenceRules}).
 */
public final class ActivitySignals {

    /** S3 APIs that read, destroy or expose data, with their tactic (ATT&amp;CK names). */
    private static final Map<String, String> S3_DATA = Map.of(
            "GetObject", "Collection", "DeleteObject", "Impact", "DeleteObjects", "Impact", "DeleteBucket", "Impact",
            "PutBucketPolicy", "Exfiltration", "PutBucketAcl", "Exfiltration", "DeletePublicAccessBlock", "Exfiltration",
            "PutBucketReplication", "Exfiltration");
    /** Object-level S3 APIs: CloudTrail data events, GuardDuty's {@code S3_DATA_EVENTS} signals. */
    private static final Set<String> S3_OBJECT_APIS = Set.of("GetObject", "DeleteObject", "DeleteObjects");

    private final ApiTactics tactics;

    /** Signals with GuardDuty's API-to-tactic table. */
    public ActivitySignals(ApiTactics tactics) {
        this.tactics = tactics;
    }

    /** The signal of one CloudTrail record of {@code tenant}, if it is one. */
    public Optional<SequenceSignal> of(CloudTrailRecord ct, Tenant tenant) {
        if (ct.eventName() == null || ct.errorCode() != null || ct.userIdentity() == null
                || "AWSService".equals(ct.userIdentity().type()) || ct.userIdentity().invokedBy() != null) {
            return Optional.empty();
        }
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        if (ip == null || tenant.lists().trusted().contains(ip)) {
            return Optional.empty();
        }
        String api = ct.eventName();
        boolean s3 = "s3.amazonaws.com".equals(ct.eventSource()) && S3_DATA.containsKey(api);
        String tactic = s3 ? S3_DATA.get(api) : tactics.tactic(api).map(Tactics::of).orElse(null);
        if (tactic == null) {
            return Optional.empty();
        }
        Map<String, String> indicators = new LinkedHashMap<>();
        if ("CreateAccessKey".equals(api) || "CreateLoginProfile".equals(api)) {
            // a credential for the caller itself is routine key rotation; one for another user is persistence
            String target = ct.requestParameters() == null ? null : ct.requestParameters().path("userName").asText(null);
            if (target == null || target.equals(Blocks.userName(ct))) {
                return Optional.empty();
            }
            indicators.put("HIGH_RISK_API", api);
        } else if (!"Discovery".equals(tactic)) {
            indicators.put("HIGH_RISK_API", api);
        }
        CloudTrailRecord.UserIdentity id = ct.userIdentity();
        SequenceSignal.Actor actor = new SequenceSignal.Actor(ct.principalId(), Blocks.userName(ct), id.type(),
                id.accessKeyId(), id.accountId() != null ? id.accountId() : tenant.accountId());
        String source = S3_OBJECT_APIS.contains(api) ? "S3_DATA_EVENTS" : "CLOUD_TRAIL";
        long t = ct.eventTimeMillis();
        return Optional.of(new SequenceSignal(tenant.accountId(), tenant.region(), tenant.detectorId(),
                SequenceSignal.Scope.IAM, ct.principalId(), source, api,
                "api:" + ct.eventSource() + ":" + api + "@" + ip.toCanonicalString(),
                tactic, Techniques.ofApi(api), null, t, t, 1, actor, bucket(ct), ip.toCanonicalString(), indicators, s3));
    }

    /** The bucket a call names ({@code requestParameters.bucketName}), as an {@code S3_BUCKET} resource. */
    private static SequenceSignal.Resource bucket(CloudTrailRecord ct) {
        JsonNode p = ct.requestParameters();
        String name = p == null ? null : p.path("bucketName").asText(null);
        return name == null ? null : new SequenceSignal.Resource("S3_BUCKET", "arn:aws:s3:::" + name, null);
    }

    /** The S3 APIs whose activity makes a credential sequence an S3 data sequence (for the documentation). */
    static List<String> s3DataApis() {
        return List.copyOf(S3_DATA.keySet());
    }
}
