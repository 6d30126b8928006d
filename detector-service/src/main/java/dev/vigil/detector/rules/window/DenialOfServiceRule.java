package dev.vigil.detector.rules.window;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import java.util.Optional;
import java.util.Set;

/**
 * Backdoor:EC2/DenialOfService.{Tcp, Udp, UdpOnTcpPorts, Dns, UnusualProtocol} (High): outbound packets from the
 * instance to one public host, {@code detector.rules.denial-of-service.min-packets} within the window, by variant:
 * TCP; UDP to port 53; UDP to a port that normally carries TCP; other UDP; a protocol other than ICMP, TCP, UDP or
 * ICMPv6.
 */
public final class DenialOfServiceRule extends BaseRule<FlowView> {

    private static final Set<Integer> COMMON_PROTOCOLS = Set.of(1, FlowView.TCP, FlowView.UDP, 58);
    private final RulesConfig.DenialOfService config;
    private final Set<Integer> tcpPorts;

    /** The rule with {@code config}. */
    public DenialOfServiceRule(RulesConfig.DenialOfService config) {
        super(Rule.DOS, config.window());
        this.config = config;
        this.tcpPorts = Set.copyOf(config.tcpPorts());
    }

    @Override
    public Optional<Observation> observe(FlowView v, Tenant t) {
        if (!v.outbound() || !Net.isPublic(v.remote()) || v.packets() <= 0) {
            return Optional.empty();
        }
        int protocol = v.protocol();
        Integer port = v.remotePort();
        String variant = protocol == FlowView.TCP ? "Tcp"
                : protocol == FlowView.UDP && Integer.valueOf(53).equals(port) ? "Dns"
                : protocol == FlowView.UDP && port != null && tcpPorts.contains(port) ? "UdpOnTcpPorts"
                : protocol == FlowView.UDP ? "Udp"
                : COMMON_PROTOCOLS.contains(protocol) ? null : "UnusualProtocol";
        if (variant == null) {
            return Optional.empty();
        }
        WindowKey key = new WindowKey(v.resourceId(), v.remoteIp(), null, null, variant, null);
        return Optional.of(WindowHits.flow(rule(), t, key, null, v, null));
    }

    @Override
    public boolean crossed(WindowAgg a) {
        return a.packets >= config.minPackets();
    }

    @Override
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        if (!crossed(a)) {
            return Optional.empty();
        }
        String type = "Backdoor:EC2/DenialOfService." + a.key.service();
        String d = "EC2 instance " + a.key.resource() + " is behaving in a manner that may indicate it is being used "
                + "to perform a Denial of Service attack (" + a.key.service() + ", " + a.packets + " packets to "
                + a.key.peer() + ").";
        return WindowHits.hit(a, windowStart, type, Severities.of(type), d, WindowHits.action(a), Blocks.ACTOR);
    }
}
