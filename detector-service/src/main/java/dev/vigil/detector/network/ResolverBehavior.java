package dev.vigil.detector.network;

import dev.vigil.detector.behavior.Anomaly;
import dev.vigil.detector.behavior.BehaviorConfig;
import dev.vigil.detector.behavior.Profile;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.ThreatListRules;
import dev.vigil.events.FlowLogRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * GuardDuty's 2025 DNS evasion types, learned per network interface (the stream key) from its outbound flows
 * (GuardDuty user guide, "EC2 finding types", all Medium):
 *
 * <ul>
 * <li><b>DefenseEvasion:EC2/UnusualDNSResolver</b>: "an instance that normally uses the VPC resolver" talks DNS (TCP
 * or UDP 53) to a public resolver. Flow logs never show traffic to the Amazon-provided resolver, so an instance whose
 * baseline holds no DNS flow to a public address is one that uses the VPC resolver.
 * <li><b>DefenseEvasion:EC2/UnusualDoHActivity</b>: TCP 443 to a known public DNS-over-HTTPS resolver
 * ({@link PublicDohResolvers}) from an instance whose baseline holds none.
 * <li><b>DefenseEvasion:EC2/UnusualDoTActivity</b>: TCP 853 (DNS over TLS, RFC 7858) to a public address from an
 * instance whose baseline holds none.
 * </ul>
 *
 * Only accepted outbound flows count (over TCP, only sessions of more than a handshake's
 * {@value dev.vigil.detector.rules.FlowView#PROBE_PACKETS} packets: a port scan touching 53 or 853 is not DNS), and only after the learning period ({@code detector.behavior.learning-period},
 * 7 days, from the interface's first outbound flow); what the instance did while learning is normal. Each type fires
 * once for the first such peer after learning, which is then learned (later peers of the same kind are the same
 * change of habit). An instance that already used an outside resolver (or DoH, or DoT) while learning never fires.
 */
public final class ResolverBehavior {

    static final String DNS = "publicDnsResolvers";
    static final String DOH = "dohResolvers";
    static final String DOT = "dotServers";
    static final String UNUSUAL_RESOLVER = "DefenseEvasion:EC2/UnusualDNSResolver";
    static final String UNUSUAL_DOH = "DefenseEvasion:EC2/UnusualDoHActivity";
    static final String UNUSUAL_DOT = "DefenseEvasion:EC2/UnusualDoTActivity";

    private final BehaviorConfig config;
    private final PublicDohResolvers doh;

    /** Rules with {@code config} and the shipped DoH resolvers. */
    public ResolverBehavior(BehaviorConfig config) {
        this(config, PublicDohResolvers.shipped());
    }

    ResolverBehavior(BehaviorConfig config, PublicDohResolvers doh) {
        this.config = config;
        this.doh = doh;
    }

    /** Evaluates flow {@code f} against its interface's profile {@code p}, learning as it goes. */
    public List<Anomaly.Result> evaluate(Profile p, FlowLogRecord f) {
        List<Anomaly.Result> out = new ArrayList<>();
        FlowView v = FlowView.of(f);
        if (v == null || !v.outbound() || !v.accepted() || v.remotePort() == null) {
            return out;
        }
        long t = f.eventTimeMillis();
        boolean learned = p.learned(t, config.learningPeriod().toMillis());
        p.putCounterIfAbsent("outboundSeen", 1L); // learning starts with the interface's first outbound flow
        p.lastMs = Math.max(p.lastMs, t);
        if (!Net.isPublic(v.remote())) {
            return out;
        }
        int port = v.remotePort();
        int proto = v.protocol();
        if (proto == FlowView.TCP && v.probe()) {
            return out; // a TCP handshake without a session (a port scan touching 53 or 853) resolves nothing
        }
        String feature;
        String type;
        String what;
        if (port == 53 && (proto == FlowView.UDP || proto == FlowView.TCP)) {
            feature = DNS;
            type = UNUSUAL_RESOLVER;
            what = "is sending DNS queries to the outside resolver " + v.remoteIp() + " instead of the VPC resolver";
        } else if (port == 853 && proto == FlowView.TCP) {
            feature = DOT;
            type = UNUSUAL_DOT;
            what = "is using DNS over TLS with " + v.remoteIp() + " (port 853)";
        } else if (port == 443 && proto == FlowView.TCP && doh.endpoint(v.remote()) != null) {
            feature = DOH;
            type = UNUSUAL_DOH;
            what = "is using DNS over HTTPS with the public resolver " + doh.endpoint(v.remote()) + " ("
                    + v.remoteIp() + ")";
        } else {
            return out;
        }
        String peer = v.remoteIp();
        if (learned && p.values(feature).isEmpty()) {
            Anomaly a = new Anomaly(v.resourceId()).learnedTexts(feature, p.values(feature)).unseen(feature, peer);
            String d = "EC2 instance " + v.resourceId() + " " + what + ", which it never did before.";
            out.add(new Anomaly.Result(new Hit(type, Severities.of(type), "EC2 instance " + v.resourceId()
                    + " is resolving names in an unusual way.", d, v.resourceId(), ThreatListRules.evidence(f),
                    v.resource(), v.action(), Blocks.ACTOR, List.of(), 1, t, t, null), a.detection()));
        }
        p.see(feature, peer, config.maxValuesPerFeature());
        return out;
    }
}
