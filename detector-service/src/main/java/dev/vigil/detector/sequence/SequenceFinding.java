package dev.vigil.detector.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detector.rules.FindingFactory;
import dev.vigil.events.Finding;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attack-sequence finding of an actor's state, in GuardDuty's shape: {@code service.detection.sequence}
 * ({@code Sequence}: {@code uid}, {@code description}, {@code actors}, {@code resources}, {@code endpoints},
 * {@code signals}, {@code sequenceIndicators}; times of {@code Signal} in epoch seconds, as the model's
 * {@code Timestamp}). Each candidate carries the whole sequence (findings-service replaces
 * {@code service.detection} with the newest) and adds the events gained since the last one to {@code service.count}.
 */
public final class SequenceFinding {

    /** GuardDuty's limits of {@code Sequence.actors}, {@code endpoints} and {@code resources}. */
    private static final int MAX_LISTED = 10;

    private SequenceFinding() {
    }

    /** The sequence's finding ID: account, region, and the scope, key and first-signal time of its chain. */
    public static String id(ActorState s, long chainStartMs) {
        return FindingIds.findingId(s.accountId, s.region, "AttackSequence",
                s.scope + "/" + s.key + "@" + chainStartMs);
    }

    /**
     * The candidate for {@code s} judged {@code v}, adding {@code count} events; {@code observedAt} UTC ms.
     * {@code createdAt}/{@code updatedAt} are the newest signal's time, as {@link FindingFactory} does.
     */
    public static FindingCandidate candidate(ActorState s, SequenceRules.Verdict v, long count, long observedAt) {
        List<ActorState.Agg> signals = new ArrayList<>(s.signals.stream().filter(a -> v.signals().contains(a.uid)).toList());
        signals.sort(Comparator.comparingLong((ActorState.Agg a) -> a.firstMs).thenComparing(a -> a.uid));
        long first = signals.stream().mapToLong(a -> a.firstMs).min().orElse(s.newestMs);
        long last = signals.stream().mapToLong(a -> a.lastMs).max().orElse(s.newestMs);
        String description = description(s, v, signals);
        ObjectNode detection = Json.MAPPER.createObjectNode();
        detection.set("sequence", sequence(s, v, signals, description));
        Finding.FindingService service = new Finding.FindingService(null, null, false, count, s.detectorId,
                FindingFactory.iso(first), FindingFactory.iso(last), "TARGET", "guardduty", null, null, null, detection);
        String lastIso = FindingFactory.iso(last);
        Finding finding = new Finding(s.accountId, FindingIds.arn(FindingFactory.PARTITION, s.region, s.accountId,
                s.detectorId, s.sequenceId), null, lastIso, description, s.sequenceId, FindingFactory.PARTITION, s.region,
                resource(s, signals), Finding.GUARDDUTY_SCHEMA_VERSION, service, v.severity(), title(v), v.type(), lastIso);
        long events = v.events();
        return new FindingCandidate(FindingCandidate.SCHEMA_VERSION,
                FindingIds.candidateEventId(s.sequenceId, "sequence:" + events + ":" + signals.size() + ":" + v.type()),
                finding, observedAt);
    }

    private static String title(SequenceRules.Verdict v) {
        return switch (v.type()) {
            case SequenceRules.S3 -> "Potential data compromise of one or more S3 buckets indicated by a sequence of actions.";
            case SequenceRules.EC2 -> "Potential compromise of a group of EC2 instances indicated by a sequence of actions.";
            default -> "Potential credential compromise indicated by a sequence of actions.";
        };
    }

    private static String description(ActorState s, SequenceRules.Verdict v, List<ActorState.Agg> signals) {
        String subject = s.scope == SequenceSignal.Scope.EC2 ? "EC2 instances of group " + s.key
                : "principal " + (s.actor != null && s.actor.userName() != null ? s.actor.userName()
                        : principalName(signals, s.key));
        return "A sequence of " + signals.size() + " signals (" + v.events() + " events) spanning the MITRE ATT&CK tactics "
                + String.join(", ", v.tactics()) + " was observed for " + subject + " within 24 hours.";
    }

    private static String principalName(List<ActorState.Agg> signals, String fallback) {
        return signals.stream().filter(a -> a.actor != null && a.actor.userName() != null).map(a -> a.actor.userName())
                .findFirst().orElse(fallback);
    }

    private static ObjectNode sequence(ActorState s, SequenceRules.Verdict v, List<ActorState.Agg> signals,
            String description) {
        ObjectNode seq = Json.MAPPER.createObjectNode();
        seq.put("uid", s.sequenceId);
        seq.put("description", description);
        Map<String, SequenceSignal.Actor> actors = new LinkedHashMap<>();
        Map<String, SequenceSignal.Resource> resources = new LinkedHashMap<>();
        Set<String> endpoints = new LinkedHashSet<>();
        for (ActorState.Agg a : signals) {
            SequenceSignal.Actor actor = s.actorOf(a);
            if (actor != null && actors.size() < MAX_LISTED) {
                actors.putIfAbsent(actor.principalId(), actor);
            }
            a.resources.forEach(r -> {
                if (resources.size() < MAX_LISTED) {
                    resources.putIfAbsent(r.uid(), r);
                }
            });
            if (actor != null && actor.accessKeyId() != null && resources.size() < MAX_LISTED) {
                resources.putIfAbsent(actor.accessKeyId(), new SequenceSignal.Resource("ACCESS_KEY",
                        actor.accessKeyId(), null));
            }
            a.endpoints.forEach(e -> {
                if (endpoints.size() < MAX_LISTED) {
                    endpoints.add(e);
                }
            });
        }
        ArrayNode actorNodes = seq.putArray("actors");
        actors.values().forEach(a -> {
            ObjectNode n = actorNodes.addObject();
            n.put("id", a.principalId());
            ObjectNode user = n.putObject("user");
            user.put("name", a.userName() != null ? a.userName() : a.principalId());
            user.put("uid", a.principalId());
            user.put("type", a.userType() != null ? a.userType() : "Unknown");
            if (a.accessKeyId() != null) {
                user.put("credentialUid", a.accessKeyId());
            }
            if (a.accountId() != null) {
                user.putObject("account").put("uid", a.accountId());
            }
        });
        ArrayNode resourceNodes = seq.putArray("resources");
        resources.values().forEach(r -> resourceNodes.add(resourceV2(s, r, actors)));
        ArrayNode endpointNodes = seq.putArray("endpoints");
        endpoints.forEach(e -> {
            ObjectNode n = endpointNodes.addObject();
            n.put("id", e);
            if (e.indexOf(':') >= 0 || e.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                n.put("ip", e);
            } else {
                n.put("domain", e);
            }
        });
        ArrayNode signalNodes = seq.putArray("signals");
        for (ActorState.Agg a : signals) {
            signalNodes.add(signal(a, s.actorOf(a)));
        }
        seq.set("sequenceIndicators", indicators(v, signals));
        return seq;
    }

    private static ObjectNode resourceV2(ActorState s, SequenceSignal.Resource r, Map<String, SequenceSignal.Actor> actors) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("uid", r.uid());
        n.put("resourceType", r.type());
        n.put("accountId", s.accountId);
        n.put("region", s.region);
        n.put("cloudPartition", FindingFactory.PARTITION);
        if ("ACCESS_KEY".equals(r.type())) {
            actors.values().stream().filter(a -> r.uid().equals(a.accessKeyId())).findFirst().ifPresent(a -> {
                ObjectNode key = n.putObject("data").putObject("accessKey");
                key.put("principalId", a.principalId());
                if (a.userName() != null) {
                    key.put("userName", a.userName());
                }
                if (a.userType() != null) {
                    key.put("userType", a.userType());
                }
            });
        } else if ("S3_BUCKET".equals(r.type())) {
            n.put("service", "s3");
            n.put("name", r.uid().substring(r.uid().lastIndexOf(':') + 1));
        } else if ("EC2_INSTANCE".equals(r.type())) {
            n.put("service", "ec2");
            n.put("name", r.uid());
        }
        return n;
    }

    private static ObjectNode signal(ActorState.Agg a, SequenceSignal.Actor actor) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("uid", a.uid);
        n.put("type", a.source);
        n.put("name", a.name);
        n.put("description", "FINDING".equals(a.source) ? "GuardDuty finding " + a.name
                : "API " + a.name + " called " + a.count + " time(s)");
        long first = a.firstMs / 1000;
        long last = a.lastMs / 1000;
        n.put("createdAt", first);
        n.put("updatedAt", last);
        n.put("firstSeenAt", first);
        n.put("lastSeenAt", last);
        n.put("count", (int) Math.min(Integer.MAX_VALUE, a.count));
        if (a.severity != null) {
            n.put("severity", a.severity);
        }
        if (actor != null) {
            n.putArray("actorIds").add(actor.principalId());
        }
        if (!a.resources.isEmpty() || (actor != null && actor.accessKeyId() != null)) {
            ArrayNode uids = n.putArray("resourceUids");
            a.resources.forEach(r -> uids.add(r.uid()));
            if (a.resources.isEmpty()) {
                uids.add(actor.accessKeyId());
            }
        }
        if (!a.endpoints.isEmpty()) {
            ArrayNode ids = n.putArray("endpointIds");
            a.endpoints.forEach(ids::add);
        }
        ArrayNode indicators = n.putArray("signalIndicators");
        a.indicators.forEach((k, v) -> indicator(indicators, k, List.of(v)));
        if (a.tactic != null && !a.indicators.containsKey("ATTACK_TACTIC")) {
            indicator(indicators, "ATTACK_TACTIC", List.of(a.tactic));
        }
        if (a.technique != null) {
            indicator(indicators, "ATTACK_TECHNIQUE", List.of(a.technique));
        }
        return n;
    }

    private static ArrayNode indicators(SequenceRules.Verdict v, List<ActorState.Agg> signals) {
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        byKey.put("ATTACK_TACTIC", new LinkedHashSet<>(v.tactics()));
        Set<String> techniques = new LinkedHashSet<>();
        signals.stream().filter(a -> a.technique != null).forEach(a -> techniques.add(a.technique));
        byKey.put("ATTACK_TECHNIQUE", techniques);
        for (ActorState.Agg a : signals) {
            a.indicators.forEach((k, val) -> {
                if (!"ATTACK_TACTIC".equals(k)) {
                    byKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(val);
                }
            });
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        byKey.forEach((k, values) -> {
            if (!values.isEmpty()) {
                indicator(out, k, List.copyOf(values));
            }
        });
        return out;
    }

    private static void indicator(ArrayNode into, String key, List<String> values) {
        ObjectNode n = into.addObject();
        n.put("key", key);
        ArrayNode vs = n.putArray("values");
        values.stream().limit(MAX_LISTED * 2).forEach(vs::add);
        n.put("title", switch (key) {
            case "ATTACK_TACTIC" -> "MITRE ATT&CK tactics";
            case "ATTACK_TECHNIQUE" -> "MITRE ATT&CK techniques";
            case "HIGH_RISK_API" -> "High-risk APIs";
            case "TOR_IP" -> "Tor exit addresses";
            case "MALICIOUS_IP" -> "Malicious addresses";
            case "UNUSUAL_API_FOR_ACCOUNT" -> "APIs unusual for the account";
            case "SUSPICIOUS_USER_AGENT" -> "Suspicious user agents";
            default -> key.charAt(0) + key.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        });
    }

    /** The finding's {@code resource}: the credential (IAM, S3) or the first compromised instance (EC2). */
    private static JsonNode resource(ActorState s, List<ActorState.Agg> signals) {
        if (s.scope == SequenceSignal.Scope.EC2) {
            for (ActorState.Agg a : signals) {
                for (SequenceSignal.Resource r : a.resources) {
                    if (r.detail() != null) {
                        return Json.read(r.detail(), JsonNode.class);
                    }
                }
            }
        }
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("resourceType", "AccessKey");
        ObjectNode d = r.putObject("accessKeyDetails");
        java.util.Optional.ofNullable(s.actor).ifPresent(a -> {
            if (a.accessKeyId() != null) {
                d.put("accessKeyId", a.accessKeyId());
            }
            d.put("principalId", a.principalId());
            if (a.userName() != null) {
                d.put("userName", a.userName());
            }
            if (a.userType() != null) {
                d.put("userType", a.userType());
            }
        });
        return r;
    }
}
