package dev.vigil.detector.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.detector.rules.ThreatListRules;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.Category;
import dev.vigil.events.FlowLogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Recon:EC2/PortProbeEMRUnprotectedPort} (High): GuardDuty user guide, "EC2 finding types": "an EMR-related
 * sensitive port on the listed EC2 instance ... is not blocked by a security group, an ACL or an on-host firewall
 * ... and known scanners on the internet are actively probing it. Ports that can trigger this finding, such as port
 * 8088 (YARN Web UI port), could potentially be used for remote code execution."
 *
 * <p>Vigil fires on one accepted inbound flow (the port is not blocked) to an EMR sensitive port from a known
 * malicious host: an address of the built-in malicious or command-and-control lists or of the tenant's threat lists,
 * not on its trusted lists. The ports ({@link #EMR_PORTS}) are the EMR primary node's web interfaces that run code or
 * jobs when reachable (EMR management guide, "View web interfaces hosted on Amazon EMR clusters"): 8088 YARN
 * ResourceManager (its REST API submits applications, the RCE GuardDuty names), 8042 YARN NodeManager, 8890 Zeppelin,
 * 9443 JupyterHub, 18080 Spark History Server, 20888 the YARN web proxy. Whether the instance belongs to an EMR
 * cluster is not in flow logs, so any instance exposing such a port to a known scanner is reported.
 */
public final class EmrPortProbe {

    static final String TYPE = "Recon:EC2/PortProbeEMRUnprotectedPort";
    /** EMR sensitive ports (see the class comment for the source of each). */
    static final Set<Integer> EMR_PORTS = Set.of(8088, 8042, 8890, 9443, 18080, 20888);

    private final BuiltInThreatIntel intel;

    /** The rule over the built-in lists {@code intel}. */
    public EmrPortProbe(BuiltInThreatIntel intel) {
        this.intel = intel;
    }

    /** The finding of flow {@code f} of {@code tenant}, if it is such a probe. */
    public Optional<Hit> evaluate(FlowLogRecord f, Tenant tenant) {
        FlowView v = FlowView.of(f);
        if (v == null || v.outbound() || !v.accepted() || v.protocol() != FlowView.TCP || v.localPort() == null
                || !EMR_PORTS.contains(v.localPort()) || !Net.isPublic(v.remote())
                || tenant.lists().trusted().contains(v.remote())) {
            return Optional.empty();
        }
        List<Hit.ThreatDetail> threats = new ArrayList<>();
        for (Category c : List.of(Category.MALICIOUS, Category.C2)) {
            intel.ips(c).match(v.remote()).forEach(l -> threats.add(new Hit.ThreatDetail(l, List.of(c.threatName()))));
        }
        tenant.lists().threats().match(v.remote())
                .forEach(l -> threats.add(new Hit.ThreatDetail(l, List.of("CustomThreatList"))));
        if (threats.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode probe = Blocks.object();
        probe.put("actionType", "PORT_PROBE");
        ObjectNode p = probe.putObject("portProbeAction");
        ObjectNode d = p.putArray("portProbeDetails").addObject();
        d.set("localPortDetails", Blocks.portDetails(v.localPort()));
        d.set("localIpDetails", Blocks.ipDetails(v.localIp()));
        d.set("remoteIpDetails", Blocks.ipDetails(v.remoteIp()));
        p.put("blocked", false);
        long t = f.eventTimeMillis();
        long start = f.start() != null ? f.start() * 1000L : t;
        String desc = "EMR-related sensitive port " + v.localPort() + " on EC2 instance " + v.resourceId()
                + " is not blocked and is being probed by the known malicious host " + v.remoteIp() + ".";
        return Optional.of(new Hit(TYPE, Severities.of(TYPE), "Unprotected EMR-related port " + v.localPort()
                + " on EC2 instance " + v.resourceId() + " is being probed.", desc,
                v.resourceId() + "|" + v.localPort(), ThreatListRules.evidence(f), v.resource(), probe, Blocks.TARGET, threats, 1,
                Math.min(start, t), t, null));
    }
}
