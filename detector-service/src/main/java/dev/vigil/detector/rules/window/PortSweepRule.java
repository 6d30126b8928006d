package dev.vigil.detector.rules.window;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import java.util.Optional;

/**
 * Impact:EC2/PortSweep (High): the instance probes one protocol and port on many distinct remote hosts (outbound
 * probes), {@code detector.rules.port-sweep.min-hosts} within the window.
 */
public final class PortSweepRule extends BaseRule<FlowView> {

    static final String TYPE = "Impact:EC2/PortSweep";
    private final RulesConfig.PortSweep config;

    /** The rule with {@code config}. */
    public PortSweepRule(RulesConfig.PortSweep config) {
        super(Rule.PORTSWEEP, config.window());
        this.config = config;
    }

    @Override
    public Optional<Observation> observe(FlowView v, Tenant t) {
        if (!v.outboundProbe()) {
            return Optional.empty();
        }
        WindowKey key = new WindowKey(v.resourceId(), null, v.protocol(), v.remotePort(), null, null);
        return Optional.of(WindowHits.flow(rule(), t, key, v.remoteIp(), v, null));
    }

    @Override
    public boolean crossed(WindowAgg a) {
        return a.distinct >= config.minHosts();
    }

    @Override
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        if (!crossed(a)) {
            return Optional.empty();
        }
        String port = Blocks.protocolName(a.key.protocol()) + "/" + a.key.port();
        String d = "EC2 instance " + a.key.resource() + " is probing port " + port + " on " + a.distinct + " hosts.";
        return WindowHits.hit(a, windowStart, TYPE, Severities.of(TYPE), d, WindowHits.action(a), Blocks.ACTOR);
    }
}
