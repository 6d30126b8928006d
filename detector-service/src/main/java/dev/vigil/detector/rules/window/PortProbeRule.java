package dev.vigil.detector.rules.window;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recon:EC2/PortProbeUnprotectedPort (Low; High for {@code detector.rules.port-probe.high-severity-ports}): accepted
 * inbound probes of one local port from {@code detector.rules.port-probe.min-sources} distinct public addresses
 * within the window. The finding's action is GuardDuty's {@code PORT_PROBE} with up to
 * {@value #PORT_PROBE_DETAILS} {@code portProbeDetails}.
 */
public final class PortProbeRule extends BaseRule<FlowView> {

    static final String TYPE = "Recon:EC2/PortProbeUnprotectedPort";
    private static final int PORT_PROBE_DETAILS = 10;
    private final RulesConfig.PortProbe config;
    private final Set<Integer> highPorts;
    private final Set<Integer> ignoredPorts;

    /** The rule with {@code config}. */
    public PortProbeRule(RulesConfig.PortProbe config) {
        super(Rule.PORTPROBE, config.window());
        this.config = config;
        this.highPorts = Set.copyOf(config.highSeverityPorts());
        this.ignoredPorts = Set.copyOf(config.ignoredPorts().orElse(List.of()));
    }

    @Override
    public Optional<Observation> observe(FlowView v, Tenant t) {
        if (v.outbound() || !v.probe() || !v.accepted() || !Net.isPublic(v.remote()) || v.localPort() == null
                || ignoredPorts.contains(v.localPort())) {
            return Optional.empty();
        }
        WindowKey key = new WindowKey(v.resourceId(), null, null, v.localPort(), null, null);
        return Optional.of(WindowHits.flow(rule(), t, key, v.remoteIp(), v, v.localIp()));
    }

    @Override
    public boolean crossed(WindowAgg a) {
        return a.distinct >= config.minSources();
    }

    @Override
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        if (!crossed(a)) {
            return Optional.empty();
        }
        int port = a.key.port();
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
        String d = "Unprotected port " + port + " on EC2 instance " + a.key.resource() + " is being probed by "
                + a.distinct + " outside hosts.";
        return WindowHits.hit(a, windowStart, TYPE, Severities.portProbe(highPorts.contains(port)), d, probe,
                Blocks.TARGET);
    }
}
