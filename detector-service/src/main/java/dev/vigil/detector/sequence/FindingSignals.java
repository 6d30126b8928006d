package dev.vigil.detector.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Finding;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signals of a finding as the detector creates or updates it: one for the credential it names (its
 * {@code resource.accessKeyDetails.principalId}) and, for a compromise of an instance, one for the instance's group.
 * Attack-sequence findings are never signals (a sequence does not feed itself).
 */
public final class FindingSignals {

    /** Prefix of the attack-sequence finding types. */
    public static final String SEQUENCE_PREFIX = "AttackSequence:";
    /** Threat purposes that say an instance is compromised (C&amp;C, mining, malware, Tor, malicious domains). */
    private static final Set<String> COMPROMISE = Set.of("backdoor", "cryptocurrency", "trojan", "unauthorizedaccess",
            "impact");

    private FindingSignals() {
    }

    /** The signals of {@code candidate}'s finding; none for an attack sequence or a finding without a subject. */
    public static List<SequenceSignal> of(FindingCandidate candidate) {
        Finding f = candidate.finding();
        if (f == null || f.type() == null || f.type().startsWith(SEQUENCE_PREFIX) || f.service() == null) {
            return List.of();
        }
        List<SequenceSignal> out = new ArrayList<>();
        JsonNode resource = f.resource() == null ? Json.MAPPER.missingNode() : f.resource();
        long first = millis(f.service().eventFirstSeen());
        long last = Math.max(first, millis(f.service().eventLastSeen()));
        long count = f.service().count() == null ? 1 : Math.max(1, f.service().count());
        String tactic = Tactics.ofFindingType(f.type());
        String technique = Techniques.ofFindingType(f.type());
        Map<String, String> indicators = indicators(f);
        String endpoint = endpoint(f.service().action());
        boolean s3 = f.type().contains(":S3/");
        JsonNode key = resource.path("accessKeyDetails");
        if (key.hasNonNull("principalId")) {
            SequenceSignal.Actor actor = new SequenceSignal.Actor(key.get("principalId").asText(),
                    key.path("userName").asText(null), key.path("userType").asText(null),
                    key.path("accessKeyId").asText(null), f.accountId());
            out.add(new SequenceSignal(f.accountId(), f.region(), f.service().detectorId(), SequenceSignal.Scope.IAM,
                    actor.principalId(), "FINDING", f.type(), f.id(), tactic, technique, f.severity(), last, first, count,
                    actor, s3 ? bucket(resource) : null, endpoint, indicators, s3));
        }
        JsonNode instance = resource.path("instanceDetails");
        String instanceId = instance.path("instanceId").asText(null);
        String group = groupKey(instance);
        // the instance must be the actor: an instance that is only the target (inbound brute force) is not compromised
        if (instanceId != null && group != null && COMPROMISE.contains(Tactics.purpose(f.type()))
                && !"TARGET".equals(f.service().resourceRole())) {
            out.add(new SequenceSignal(f.accountId(), f.region(), f.service().detectorId(), SequenceSignal.Scope.EC2,
                    group, "FINDING", f.type(), f.id(), tactic, technique, f.severity(), last, first, count, null,
                    new SequenceSignal.Resource("EC2_INSTANCE", instanceId, Json.write(resource)), endpoint,
                    indicators, false));
        }
        return out;
    }

    /**
     * The instance group of an instance, from what its finding carries, most specific first: the instance profile
     * ({@code iamInstanceProfile.arn}), the Auto Scaling group tag ({@code aws:autoscaling:groupName}), the AMI
     * ({@code imageId}), else the VPC of its first interface (all that flow and DNS logs carry). {@code null} if none.
     */
    public static String groupKey(JsonNode instance) {
        if (instance.path("iamInstanceProfile").hasNonNull("arn")) {
            return "profile:" + instance.path("iamInstanceProfile").get("arn").asText();
        }
        for (JsonNode tag : instance.path("tags")) {
            if ("aws:autoscaling:groupName".equals(tag.path("key").asText())) {
                return "asg:" + tag.path("value").asText();
            }
        }
        if (instance.hasNonNull("imageId")) {
            return "ami:" + instance.get("imageId").asText();
        }
        String vpc = instance.path("networkInterfaces").path(0).path("vpcId").asText(null);
        return vpc == null ? null : "vpc:" + vpc;
    }

    private static Map<String, String> indicators(Finding f) {
        Map<String, String> out = new LinkedHashMap<>();
        String type = f.type();
        String remote = endpoint(f.service().action());
        if (type.contains("TorIPCaller") || type.contains("/TorClient") || type.contains("/TorRelay")) {
            out.put("TOR_IP", remote);
        } else if (type.contains("MaliciousIPCaller") || type.contains("InstanceCredentialExfiltration")) {
            out.put("MALICIOUS_IP", remote);
        } else if (type.startsWith("CryptoCurrency:") || type.contains("Bitcoin")) {
            out.put(type.endsWith("!DNS") || type.contains("DomainRequest") ? "CRYPTOMINING_DOMAIN" : "CRYPTOMINING_IP",
                    remote);
        } else if (type.contains("DomainRequest") || type.endsWith("!DNS")) {
            out.put("MALICIOUS_DOMAIN", remote);
        } else if (type.startsWith("PenTest:")) {
            out.put("SUSPICIOUS_USER_AGENT", f.service().action() == null ? null
                    : f.service().action().path("awsApiCallAction").path("userAgent").asText(null));
        } else if (type.contains("AnomalousBehavior")) {
            out.put("UNUSUAL_API_FOR_ACCOUNT", f.service().action() == null ? null
                    : f.service().action().path("awsApiCallAction").path("api").asText(null));
            // what departed from the principal's profile (behavior.CloudTrailBehavior: api, callerNetwork, userAgent)
            JsonNode unusual = f.service().detection() == null ? Json.MAPPER.missingNode()
                    : f.service().detection().path("anomaly").path("unusual").path("behavior");
            for (JsonNode profile : unusual) {
                if (profile.has("callerNetwork")) {
                    out.put("UNUSUAL_ASN_FOR_USER", remote != null ? remote : "unseen network");
                }
                if (profile.has("userAgent")) {
                    out.put("SUSPICIOUS_USER_AGENT", profile.path("userAgent").path("observations").path("text")
                            .path(0).asText("unseen user agent"));
                }
            }
        }
        out.values().removeIf(v -> v == null);
        String tactic = Tactics.ofFindingType(type);
        if (tactic != null && out.isEmpty()) {
            out.put("ATTACK_TACTIC", tactic);
        }
        return out;
    }

    /** The remote address (or domain) of a finding's action, or {@code null}. */
    static String endpoint(JsonNode action) {
        if (action == null) {
            return null;
        }
        for (String block : new String[] {"awsApiCallAction", "networkConnectionAction", "portProbeAction"}) {
            String ip = action.path(block).path("remoteIpDetails").path("ipAddressV4").asText(null);
            if (ip != null) {
                return ip;
            }
        }
        return action.path("dnsRequestAction").path("domain").asText(null);
    }

    private static SequenceSignal.Resource bucket(JsonNode resource) {
        String arn = resource.path("s3BucketDetails").path(0).path("arn").asText(null);
        return arn == null ? null : new SequenceSignal.Resource("S3_BUCKET", arn, null);
    }

    private static long millis(String iso) {
        try {
            return iso == null ? 0L : Instant.parse(iso).toEpochMilli();
        } catch (RuntimeException e) {
            return 0L;
        }
    }
}
