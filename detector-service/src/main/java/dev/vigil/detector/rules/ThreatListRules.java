package dev.vigil.detector.rules;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.Category;
import dev.vigil.detector.threatintel.DomainMatcher;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Threat-list detections: an address or domain on a tenant ThreatIntelSet or a built-in list. Types and severities
 * from the GuardDuty user guide ("EC2 finding types", "IAM finding types"). As in GuardDuty, an address on the
 * tenant's trusted IPSets never raises a finding, and tenant lists do not apply to DNS findings.
 */
public final class ThreatListRules {

    static final String CUSTOM_EC2 = "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom";
    static final String TOR_CLIENT = "UnauthorizedAccess:EC2/TorClient";
    static final String TOR_RELAY = "UnauthorizedAccess:EC2/TorRelay";
    /** Read-only API prefixes GuardDuty calls "commonly used in reconnaissance". */
    private static final List<String> RECON_PREFIXES = List.of("Describe", "List", "Get", "Search", "Lookup");
    private static final List<Category> FLOW_CATEGORIES =
            List.of(Category.C2, Category.CRYPTO, Category.BLACKHOLE, Category.DROPPOINT);
    private static final List<Category> DNS_CATEGORIES = List.of(Category.C2, Category.CRYPTO, Category.BLACKHOLE,
            Category.DROPPOINT, Category.PHISHING, Category.DRIVEBY, Category.DGA);

    private final BuiltInThreatIntel builtIn;
    private final Set<Integer> torRelayPorts;

    /** Rules over {@code builtIn} lists with the Tor relay ports of {@code config}. */
    public ThreatListRules(BuiltInThreatIntel builtIn, RulesConfig config) {
        this.builtIn = builtIn;
        this.torRelayPorts = Set.copyOf(config.torRelayPorts());
    }

    /** Threat-list findings of one flow record (at most one per type). */
    public List<Hit> flow(FlowLogRecord f, Tenant tenant) {
        List<Hit> hits = new ArrayList<>();
        FlowView v = FlowView.of(f);
        if (v == null || !Net.isPublic(v.remote()) || tenant.lists().trusted().contains(v.remote())) {
            return hits;
        }
        List<String> custom = tenant.lists().threats().match(v.remote());
        if (!custom.isEmpty()) {
            hits.add(flowHit(v, CUSTOM_EC2, custom, "CustomThreatList",
                    "EC2 instance " + v.resourceId() + " is communicating with " + v.remoteIp()
                            + ", an address on your threat list " + String.join(", ", custom) + "."));
        }
        List<String> tor = builtIn.ips(Category.TOR).match(v.remote());
        if (!tor.isEmpty()) {
            boolean relay = !v.outbound() && v.accepted() && v.localPort() != null
                    && torRelayPorts.contains(v.localPort());
            if (relay) {
                hits.add(flowHit(v, TOR_RELAY, tor, Category.TOR.threatName(),
                        "EC2 instance " + v.resourceId() + " is accepting Tor connections from " + v.remoteIp()
                                + " on port " + v.localPort() + ", as a Tor relay does."));
            } else if (v.outbound()) {
                hits.add(flowHit(v, TOR_CLIENT, tor, Category.TOR.threatName(),
                        "EC2 instance " + v.resourceId() + " is connecting to Tor node " + v.remoteIp()
                                + ": it may be a Tor client."));
            }
        }
        for (Category c : FLOW_CATEGORIES) {
            List<String> lists = builtIn.ips(c).match(v.remote());
            if (!lists.isEmpty()) {
                hits.add(flowHit(v, c.flowType(), lists, c.threatName(),
                        "EC2 instance " + v.resourceId() + " is communicating with " + v.remoteIp() + ", a known "
                                + c.threatName() + " address."));
            }
        }
        return hits;
    }

    private static Hit flowHit(FlowView v, String type, List<String> lists, String threatName, String description) {
        long t = v.flow().eventTimeMillis();
        long start = v.flow().start() != null ? v.flow().start() * 1000L : t;
        return new Hit(type, Severities.of(type), description, description,
                v.resourceId() + "|" + v.remoteIp(), evidence(v.flow()), v.resource(), v.action(),
                v.outbound() ? Blocks.ACTOR : Blocks.TARGET, details(lists, threatName), 1, Math.min(start, t), t,
                null);
    }

    /** Built-in domain-list findings of one DNS query (tenant lists never apply to DNS, as in GuardDuty). */
    public List<Hit> dns(DnsLogRecord d) {
        List<Hit> hits = new ArrayList<>();
        String query = DomainMatcher.normalise(d.queryName());
        if (query == null) {
            return hits;
        }
        for (Category c : DNS_CATEGORIES) {
            DomainMatcher.Match m = builtIn.domains(c).match(query);
            if (m != null) {
                String type = c.dnsType();
                String resource = d.instanceId() != null ? d.instanceId() : d.srcaddr();
                String description = "EC2 instance " + resource + " is querying " + query + ", a known "
                        + c.threatName() + " domain.";
                long t = d.eventTimeMillis();
                hits.add(new Hit(type, Severities.of(type), description, description, resource + "|" + m.domain(),
                        dnsEvidence(d), dnsResource(d), Blocks.dnsRequest(query, d.transport(),
                                "REJECT".equals(d.firewallRuleAction()) || "BLOCK".equals(d.firewallRuleAction())),
                        Blocks.ACTOR, details(List.of(m.listName()), c.threatName()), 1, t, t, null));
            }
        }
        return hits;
    }

    /** The {@code Instance} resource of a DNS query. */
    static com.fasterxml.jackson.databind.node.ObjectNode dnsResource(DnsLogRecord d) {
        return Blocks.instance(d.instanceId(), null, d.srcaddr(), d.vpcId(), null);
    }

    /** Threat-list findings of one CloudTrail call: MaliciousIPCaller(.Custom) and TorIPCaller, Recon or not. */
    public List<Hit> cloudTrail(CloudTrailRecord ct, Tenant tenant) {
        List<Hit> hits = new ArrayList<>();
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        if (ip == null || ct.eventName() == null || !Net.isPublic(ip) || tenant.lists().trusted().contains(ip)) {
            return hits;
        }
        String prefix = isRecon(ct) ? "Recon:IAMUser/" : "UnauthorizedAccess:IAMUser/";
        String caller = ip.toCanonicalString();
        List<String> custom = tenant.lists().threats().match(ip);
        if (!custom.isEmpty()) {
            hits.add(apiHit(ct, prefix + "MaliciousIPCaller.Custom", caller, custom, "CustomThreatList",
                    "on your threat list " + String.join(", ", custom)));
        }
        List<String> tor = builtIn.ips(Category.TOR).match(ip);
        if (!tor.isEmpty()) {
            hits.add(apiHit(ct, prefix + "TorIPCaller", caller, tor, Category.TOR.threatName(), "a Tor exit node"));
        }
        List<String> malicious = new ArrayList<>(builtIn.ips(Category.MALICIOUS).match(ip));
        malicious.addAll(builtIn.ips(Category.C2).match(ip));
        if (!malicious.isEmpty()) {
            hits.add(apiHit(ct, prefix + "MaliciousIPCaller", caller, malicious, Category.MALICIOUS.threatName(),
                    "a known malicious address"));
        }
        return hits;
    }

    private static Hit apiHit(CloudTrailRecord ct, String type, String caller, List<String> lists, String threatName,
            String what) {
        long t = ct.eventTimeMillis();
        String description = "API " + ct.eventName() + " was invoked from " + caller + ", " + what + ".";
        return new Hit(type, Severities.of(type), description, description, ct.principalId() + "|" + caller,
                CloudTrailSignatures.evidence(ct), Blocks.accessKey(ct), Blocks.apiCall(ct, Map.of()), Blocks.TARGET,
                details(lists, threatName), 1, t, t, null);
    }

    /** Whether the API is read-only reconnaissance (CloudTrail's {@code readOnly}, or a Describe/List/Get name). */
    static boolean isRecon(CloudTrailRecord ct) {
        if (Boolean.TRUE.equals(ct.readOnly())) {
            return true;
        }
        String name = ct.eventName();
        return RECON_PREFIXES.stream().anyMatch(p -> name.startsWith(p)
                && name.length() > p.length() && Character.isUpperCase(name.charAt(p.length())));
    }

    private static List<Hit.ThreatDetail> details(List<String> lists, String threatName) {
        return lists.stream().map(l -> new Hit.ThreatDetail(l, List.of(threatName))).toList();
    }

    /** Deterministic evidence of a flow record: its contract event ID, else its 5-tuple and times. */
    static String evidence(FlowLogRecord f) {
        return f.eventId() != null ? f.eventId()
                : String.join("|", String.valueOf(f.interfaceId()), f.srcaddr(), f.dstaddr(),
                        String.valueOf(f.srcport()), String.valueOf(f.dstport()), String.valueOf(f.protocol()),
                        String.valueOf(f.start()), String.valueOf(f.end())).toLowerCase(Locale.ROOT);
    }

    /** Deterministic evidence of a DNS record: its contract event ID, else source, name and time. */
    static String dnsEvidence(DnsLogRecord d) {
        return d.eventId() != null ? d.eventId() : d.srcaddr() + "|" + d.queryName() + "|" + d.queryTimestamp();
    }
}
