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
 * Threat-list detections: an address or domain on a tenant threat list or a built-in list. Types and severities
 * from the GuardDuty user guide ("EC2 finding types", "IAM finding types"). As in GuardDuty, an address on the
 * tenant's trusted lists never raises a finding; tenant threat-list domains raise
 * {@code Impact:EC2/MaliciousDomainRequest.Custom} on DNS queries and trusted domains silence the DNS rules (entity
 * sets, GuardDuty 2025). A DNS answer in black-hole address space raises {@code Trojan:EC2/BlackholeTraffic!DNS}
 * ("a domain name that is being redirected to a black hole IP address").
 */
public final class ThreatListRules {

    static final String CUSTOM_EC2 = "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom";
    static final String CUSTOM_DOMAIN = "Impact:EC2/MaliciousDomainRequest.Custom";
    static final String TOR_CLIENT = "UnauthorizedAccess:EC2/TorClient";
    static final String TOR_RELAY = "UnauthorizedAccess:EC2/TorRelay";
    /** Read-only API prefixes GuardDuty calls "commonly used in reconnaissance". */
    private static final List<String> RECON_PREFIXES = List.of("Describe", "List", "Get", "Search", "Lookup");
    private static final List<Category> FLOW_CATEGORIES = List.of(Category.C2, Category.CRYPTO, Category.DROPPOINT);
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
        if (v == null || tenant.lists().trusted().contains(v.remote())) {
            return hits;
        }
        List<String> blackhole = builtIn.ips(Category.BLACKHOLE).match(v.remote());
        if (!blackhole.isEmpty() && v.outbound()) { // reserved space is not "public", yet that is the point here
            hits.add(flowHit(v, Category.BLACKHOLE.flowType(), blackhole, Category.BLACKHOLE.threatName(),
                    "EC2 instance " + v.resourceId() + " is communicating with " + v.remoteIp()
                            + ", a black-hole address to which no host is assigned."));
        }
        if (!Net.isPublic(v.remote())) {
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

    /**
     * Domain-list findings of one DNS query: the tenant's threat domains ({@code MaliciousDomainRequest.Custom}), the
     * built-in lists, and answers in black-hole space; none at all for a domain on the tenant's trusted lists.
     */
    public List<Hit> dns(DnsLogRecord d, Tenant tenant) {
        List<Hit> hits = new ArrayList<>();
        String query = DomainMatcher.normalise(d.queryName());
        if (query == null || isTrusted(query, tenant)) {
            return hits;
        }
        DomainMatcher.Match custom = tenant.lists().threatDomains().match(query);
        if (custom != null) {
            hits.add(dnsHit(d, query, CUSTOM_DOMAIN, custom.domain(), List.of(custom.listName()), "CustomThreatList",
                    ", a domain on your threat list " + custom.listName() + "."));
        }
        for (Category c : DNS_CATEGORIES) {
            DomainMatcher.Match m = builtIn.domains(c).match(query);
            if (m != null) {
                hits.add(dnsHit(d, query, c.dnsType(), m.domain(), List.of(m.listName()), c.threatName(),
                        ", a known " + c.threatName() + " domain."));
            }
        }
        String blackhole = blackholeAnswer(d);
        if (blackhole != null && hits.stream().noneMatch(h -> h.type().equals(Category.BLACKHOLE.dnsType()))) {
            hits.add(dnsHit(d, query, Category.BLACKHOLE.dnsType(), query, List.of("Vigil:blackhole-iana-reserved"),
                    Category.BLACKHOLE.threatName(), ", which resolves to the black-hole address " + blackhole + "."));
        }
        return hits;
    }

    /** Whether {@code query} is or is under a domain of the tenant's trusted lists. */
    static boolean isTrusted(String query, Tenant tenant) {
        return tenant != null && tenant.lists().trustedDomains().match(query) != null;
    }

    /**
     * The first answer address in black-hole space, or {@code null}; answers a DNS Firewall rule wrote (block with
     * an override, action set in the log) are the operator's own black hole and do not count.
     */
    private String blackholeAnswer(DnsLogRecord d) {
        if (d.answers() == null || d.firewallRuleAction() != null) {
            return null;
        }
        for (DnsLogRecord.Answer a : d.answers()) {
            IPAddress ip = Net.parse(a.rdata());
            if (ip != null && builtIn.ips(Category.BLACKHOLE).contains(ip)) {
                return ip.toCanonicalString();
            }
        }
        return null;
    }

    private static Hit dnsHit(DnsLogRecord d, String query, String type, String listed, List<String> lists,
            String threatName, String what) {
        String resource = d.instanceId() != null ? d.instanceId() : d.srcaddr();
        String description = "EC2 instance " + resource + " is querying " + query + what;
        long t = d.eventTimeMillis();
        return new Hit(type, Severities.of(type), description, description, resource + "|" + listed, dnsEvidence(d),
                dnsResource(d), Blocks.dnsRequest(query, d.transport(),
                        "REJECT".equals(d.firewallRuleAction()) || "BLOCK".equals(d.firewallRuleAction())),
                Blocks.ACTOR, details(lists, threatName), 1, t, t, null);
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
    public static String evidence(FlowLogRecord f) {
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
