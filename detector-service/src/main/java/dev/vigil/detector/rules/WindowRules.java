package dev.vigil.detector.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InternetDomainName;
import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.threatintel.DomainMatcher;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import inet.ipaddr.IPAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Windowed detections: each record yields {@link Observation}s, the topology aggregates them per key in event-time
 * tumbling windows, and {@link #evaluate} turns a closed window into at most one {@link Hit}. Types, severities and
 * roles from the GuardDuty user guide ("EC2 finding types", "IAM finding types"); thresholds in {@link RulesConfig}.
 */
public final class WindowRules {

    /** The windowed rules. */
    public enum Rule {
        /** Recon:EC2/Portscan. */
        PORTSCAN,
        /** Impact:EC2/PortSweep. */
        PORTSWEEP,
        /** Recon:EC2/PortProbeUnprotectedPort. */
        PORTPROBE,
        /** SSH, RDP and WinRM brute force. */
        BRUTEFORCE,
        /** Backdoor:EC2/DenialOfService.*. */
        DOS,
        /** Trojan:EC2/DNSDataExfiltration. */
        DNSEXFIL,
        /** UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B. */
        CONSOLELOGIN
    }

    /** A flow with at most this many packets exchanged no data: a probe (SYN, SYN-ACK, RST). */
    static final long PROBE_PACKETS = 3;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final Set<Integer> COMMON_PROTOCOLS = Set.of(1, TCP, UDP, 58);
    private static final int PORT_PROBE_DETAILS = 10;

    private final RulesConfig config;
    private final Set<Integer> ssh;
    private final Set<Integer> rdp;
    private final Set<Integer> winrm;
    private final Set<Integer> tcpPorts;
    private final Set<Integer> highProbePorts;
    private final Set<Integer> ignoredProbePorts;

    /** Windowed rules with the thresholds of {@code config}. */
    public WindowRules(RulesConfig config) {
        this.config = config;
        this.ssh = Set.copyOf(config.bruteForce().sshPorts());
        this.rdp = Set.copyOf(config.bruteForce().rdpPorts());
        this.winrm = Set.copyOf(config.bruteForce().winrmPorts());
        this.tcpPorts = Set.copyOf(config.denialOfService().tcpPorts());
        this.highProbePorts = Set.copyOf(config.portProbe().highSeverityPorts());
        this.ignoredProbePorts = Set.copyOf(config.portProbe().ignoredPorts().orElse(List.of()));
    }

    /** The window size of a rule. */
    public Duration window(Rule rule) {
        return switch (rule) {
            case PORTSCAN -> config.portscan().window();
            case PORTSWEEP -> config.portSweep().window();
            case PORTPROBE -> config.portProbe().window();
            case BRUTEFORCE -> config.bruteForce().window();
            case DOS -> config.denialOfService().window();
            case DNSEXFIL -> config.dnsExfiltration().window();
            case CONSOLELOGIN -> config.consoleLogin().window();
        };
    }

    /** Observations of one flow record. Trusted remote addresses are left out. */
    public List<Observation> flow(FlowLogRecord f, Tenant t) {
        List<Observation> out = new ArrayList<>(2);
        FlowView v = FlowView.of(f);
        if (v == null || t.lists().trusted().contains(v.remote()) || v.resourceId() == null) {
            return out;
        }
        int protocol = f.protocol() == null ? -1 : f.protocol();
        long packets = f.packets() == null ? 0 : f.packets();
        long bytes = f.bytes() == null ? 0 : f.bytes();
        String res = v.resourceId();
        String remote = v.remoteIp();
        boolean probe = packets <= PROBE_PACKETS && (protocol == TCP || protocol == UDP);
        if (v.outbound() && probe && v.remotePort() != null) {
            out.add(obs(Rule.PORTSCAN, t, res + "|" + remote, String.valueOf(v.remotePort()), v, null));
            out.add(obs(Rule.PORTSWEEP, t, res + "|" + Blocks.protocolName(protocol) + "/" + v.remotePort(), remote,
                    v, null));
        }
        if (!v.outbound() && probe && v.accepted() && Net.isPublic(v.remote()) && v.localPort() != null
                && !ignoredProbePorts.contains(v.localPort())) {
            out.add(obs(Rule.PORTPROBE, t, res + "|" + v.localPort(), remote, v, v.localIp()));
        }
        Integer service = v.servicePort();
        if (protocol == TCP && service != null) {
            String kind = ssh.contains(service) ? "SSH" : rdp.contains(service) ? "RDP"
                    : winrm.contains(service) ? "WinRM" : null;
            if (kind != null) {
                String dir = v.outbound() ? "OUTBOUND" : "INBOUND";
                out.add(obs(Rule.BRUTEFORCE, t, res + "|" + remote + "|" + kind + "|" + dir, null, v, kind));
            }
        }
        if (v.outbound() && Net.isPublic(v.remote()) && packets > 0) {
            String variant = protocol == TCP ? "Tcp"
                    : protocol == UDP && Integer.valueOf(53).equals(v.remotePort()) ? "Dns"
                    : protocol == UDP && v.remotePort() != null && tcpPorts.contains(v.remotePort()) ? "UdpOnTcpPorts"
                    : protocol == UDP ? "Udp"
                    : COMMON_PROTOCOLS.contains(protocol) ? null : "UnusualProtocol";
            if (variant != null) {
                out.add(new Observation(Rule.DOS.name(), t.accountId(), t.region(), t.detectorId(),
                        res + "|" + remote + "|" + variant, null, packets, bytes, f.eventTimeMillis(),
                        Json.write(v.resource()), Json.write(v.action()), variant));
            }
        }
        return out;
    }

    private static Observation obs(Rule rule, Tenant t, String aggKey, String element, FlowView v, String detail) {
        FlowLogRecord f = v.flow();
        return new Observation(rule.name(), t.accountId(), t.region(), t.detectorId(), aggKey, element,
                f.packets() == null ? 0 : f.packets(), f.bytes() == null ? 0 : f.bytes(), f.eventTimeMillis(),
                Json.write(v.resource()), Json.write(v.action()), detail);
    }

    /** Observations of one DNS record: a query with a long, high-entropy label (possible encoded data). */
    public List<Observation> dns(DnsLogRecord d, Tenant t) {
        String q = DomainMatcher.normalise(d.queryName());
        if (q == null) {
            return List.of();
        }
        RulesConfig.DnsExfiltration c = config.dnsExfiltration();
        String[] labels = q.split("\\.");
        boolean suspicious = false;
        for (int i = 0; i < labels.length - 2 && !suspicious; i++) {
            suspicious = labels[i].length() >= c.minLabelLength() && entropy(labels[i]) >= c.minEntropy();
        }
        if (!suspicious) {
            return List.of();
        }
        String domain = registeredDomain(q);
        String resource = d.instanceId() != null ? d.instanceId() : d.srcaddr();
        return List.of(new Observation(Rule.DNSEXFIL.name(), t.accountId(), t.region(), t.detectorId(),
                resource + "|" + domain, q, 0, 0, d.eventTimeMillis(), Json.write(ThreatListRules.dnsResource(d)),
                Json.write(Blocks.dnsRequest(domain, d.transport(), false)), domain));
    }

    /** Observations of one CloudTrail record: a successful console login, counted by the caller's network. */
    public List<Observation> cloudTrail(CloudTrailRecord ct, Tenant t) {
        if (!"ConsoleLogin".equals(ct.eventName()) || !CloudTrailSignatures.succeeded(ct)) {
            return List.of();
        }
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        if (ip == null || t.lists().trusted().contains(ip)) {
            return List.of();
        }
        return List.of(new Observation(Rule.CONSOLELOGIN.name(), t.accountId(), t.region(), t.detectorId(),
                ct.principalId(), Net.network(ip), 0, 0, ct.eventTimeMillis(), Json.write(Blocks.accessKey(ct)),
                Json.write(Blocks.apiCall(ct, Map.of())), Blocks.userName(ct)));
    }

    /** The finding of a closed window, if its counts reach the rule's threshold. */
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        Rule rule = Rule.valueOf(a.rule);
        String evidence = "window:" + windowStart;
        JsonNode resource = read(a.resource);
        JsonNode action = read(a.action);
        String res = a.aggKey.substring(0, a.aggKey.indexOf('|') < 0 ? a.aggKey.length() : a.aggKey.indexOf('|'));
        switch (rule) {
            case PORTSCAN -> {
                if (a.distinct < config.portscan().minPorts()) {
                    return Optional.empty();
                }
                String remote = a.aggKey.substring(res.length() + 1);
                String d = "EC2 instance " + res + " is performing outbound port scans against remote host " + remote
                        + " (" + a.distinct + " ports).";
                return hit(a, "Recon:EC2/Portscan", CloudTrailSignatures.MEDIUM, d, evidence, resource, action,
                        Blocks.ACTOR, a.count);
            }
            case PORTSWEEP -> {
                if (a.distinct < config.portSweep().minHosts()) {
                    return Optional.empty();
                }
                String port = a.aggKey.substring(res.length() + 1);
                String d = "EC2 instance " + res + " is probing port " + port + " on " + a.distinct + " hosts.";
                return hit(a, "Impact:EC2/PortSweep", CloudTrailSignatures.HIGH, d, evidence, resource, action,
                        Blocks.ACTOR, a.count);
            }
            case PORTPROBE -> {
                if (a.distinct < config.portProbe().minSources()) {
                    return Optional.empty();
                }
                int port = Integer.parseInt(a.aggKey.substring(res.length() + 1));
                double severity = highProbePorts.contains(port) ? CloudTrailSignatures.HIGH : CloudTrailSignatures.LOW;
                ObjectNode probe = Blocks.object();
                probe.put("actionType", "PORT_PROBE");
                ObjectNode p = probe.putObject("portProbeAction");
                ArrayNode details = p.putArray("portProbeDetails");
                a.elements.stream().limit(PORT_PROBE_DETAILS).forEach(remote -> {
                    ObjectNode e = details.addObject();
                    e.set("localPortDetails", Blocks.portDetails(port));
                    e.set("localIpDetails", Blocks.ipDetails(a.detail));
                    e.set("remoteIpDetails", Blocks.ipDetails(remote));
                });
                p.put("blocked", false);
                String d = "Unprotected port " + port + " on EC2 instance " + res + " is being probed by "
                        + a.distinct + " outside hosts.";
                return hit(a, "Recon:EC2/PortProbeUnprotectedPort", severity, d, evidence, resource, probe,
                        Blocks.TARGET, a.count);
            }
            case BRUTEFORCE -> {
                if (a.count < config.bruteForce().minAttempts()) {
                    return Optional.empty();
                }
                boolean outbound = a.aggKey.endsWith("|OUTBOUND");
                String type = switch (a.detail) {
                    case "SSH" -> "UnauthorizedAccess:EC2/SSHBruteForce";
                    case "RDP" -> "UnauthorizedAccess:EC2/RDPBruteForce";
                    default -> "Impact:EC2/WinRMBruteForce";
                };
                String remote = a.aggKey.split("\\|")[1];
                String d = outbound
                        ? "EC2 instance " + res + " is performing " + a.detail + " brute force attacks against "
                                + remote + " (" + a.count + " connections)."
                        : remote + " is performing " + a.detail + " brute force attacks against EC2 instance " + res
                                + " (" + a.count + " connections).";
                return hit(a, type, outbound ? CloudTrailSignatures.HIGH : CloudTrailSignatures.LOW, d, evidence,
                        resource, action, outbound ? Blocks.ACTOR : Blocks.TARGET, a.count);
            }
            case DOS -> {
                if (a.packets < config.denialOfService().minPackets()) {
                    return Optional.empty();
                }
                String remote = a.aggKey.split("\\|")[1];
                String d = "EC2 instance " + res + " is behaving in a manner that may indicate it is being used to "
                        + "perform a Denial of Service attack (" + a.detail + ", " + a.packets + " packets to " + remote
                        + ").";
                return hit(a, "Backdoor:EC2/DenialOfService." + a.detail, CloudTrailSignatures.HIGH, d, evidence,
                        resource, action, Blocks.ACTOR, a.count);
            }
            case DNSEXFIL -> {
                if (a.distinct < config.dnsExfiltration().minQueries()) {
                    return Optional.empty();
                }
                String d = "EC2 instance " + res + " is attempting to query domain names that resemble exfiltrated "
                        + "data under " + a.detail + " (" + a.distinct + " encoded queries).";
                return hit(a, "Trojan:EC2/DNSDataExfiltration", CloudTrailSignatures.HIGH, d, evidence, resource,
                        action, Blocks.ACTOR, a.count);
            }
            case CONSOLELOGIN -> {
                if (a.distinct < config.consoleLogin().minNetworks()) {
                    return Optional.empty();
                }
                String d = "Multiple worldwide successful console logins were observed for " + a.detail + " from "
                        + a.distinct + " networks: " + String.join(", ", a.elements) + ".";
                return hit(a, "UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B", CloudTrailSignatures.MEDIUM, d,
                        evidence, resource, action, Blocks.TARGET, a.count);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<Hit> hit(WindowAgg a, String type, double severity, String description, String evidence,
            JsonNode resource, JsonNode action, String role, long count) {
        ObjectNode info = Blocks.object();
        info.put("windowCount", a.count);
        if (a.distinct > 0) {
            info.put("distinctCount", a.distinct);
        }
        if (a.packets > 0) {
            info.put("packets", a.packets);
            info.put("bytes", a.bytes);
        }
        return Optional.of(new Hit(type, severity, description, description, a.aggKey, evidence, resource, action,
                role, List.of(), count, a.first, a.last, info));
    }

    private static JsonNode read(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("window state holds invalid JSON", e);
        }
    }

    /** Shannon entropy of {@code s} in bits per character. */
    static double entropy(String s) {
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : s.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double h = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    /** The registered domain of a name (public suffix list via Guava), else its last two labels. */
    static String registeredDomain(String name) {
        try {
            InternetDomainName d = InternetDomainName.from(name);
            if (d.isUnderPublicSuffix()) {
                return d.topPrivateDomain().toString();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // not a valid domain for Guava (for example a label longer than 63): fall back below
        }
        String[] labels = name.split("\\.");
        return labels.length <= 2 ? name : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
