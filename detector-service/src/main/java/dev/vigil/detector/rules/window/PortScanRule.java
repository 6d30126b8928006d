package dev.vigil.detector.rules.window;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import java.util.Optional;

/**
 * Recon:EC2/Portscan (Medium): the instance probes many distinct ports of one remote host (outbound probes of at
 * most {@link FlowView#PROBE_PACKETS} packets), {@code detector.rules.portscan.min-ports} within the window.
 */
public final class PortScanRule extends BaseRule<FlowView> {

    static final String TYPE = "Recon:EC2/Portscan";
    private final RulesConfig.Portscan config;

    /** The rule with {@code config}. */
    public PortScanRule(RulesConfig.Portscan config) {
        super(Rule.PORTSCAN, config.window());
        this.config = config;
    }

    @Override
    public Optional<Observation> observe(FlowView v, Tenant t) {
        if (!v.outboundProbe()) {
            return Optional.empty();
        }
        return Optional.of(WindowHits.flow(rule(), t, WindowKey.of(v.resourceId(), v.remoteIp()),
                String.valueOf(v.remotePort()), v, null));
    }

    @Override
    public boolean crossed(WindowAgg a) {
        return a.distinct >= config.minPorts();
    }

    @Override
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        if (!crossed(a)) {
            return Optional.empty();
        }
        String d = "EC2 instance " + a.key.resource() + " is performing outbound port scans against remote host "
                + a.key.peer() + " (" + a.distinct + " ports).";
        return WindowHits.hit(a, windowStart, TYPE, Severities.of(TYPE), d, WindowHits.action(a), Blocks.ACTOR);
    }
}
