package dev.vigil.detector.rules.window;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import java.util.Optional;
import java.util.Set;

/**
 * UnauthorizedAccess:EC2/SSHBruteForce, UnauthorizedAccess:EC2/RDPBruteForce and Impact:EC2/WinRMBruteForce: at
 * least {@code detector.rules.brute-force.min-attempts} TCP connection records between the instance and one remote
 * address on the service's port within the window, in either direction (High when the instance is the actor, Low
 * when it is the target).
 */
public final class BruteForceRule extends BaseRule<FlowView> {

    private final RulesConfig.BruteForce config;
    private final Set<Integer> ssh;
    private final Set<Integer> rdp;
    private final Set<Integer> winrm;

    /** The rule with {@code config}. */
    public BruteForceRule(RulesConfig.BruteForce config) {
        super(Rule.BRUTEFORCE, config.window());
        this.config = config;
        this.ssh = Set.copyOf(config.sshPorts());
        this.rdp = Set.copyOf(config.rdpPorts());
        this.winrm = Set.copyOf(config.winrmPorts());
    }

    @Override
    public Optional<Observation> observe(FlowView v, Tenant t) {
        Integer service = v.servicePort();
        if (v.protocol() != FlowView.TCP || service == null) {
            return Optional.empty();
        }
        String kind = ssh.contains(service) ? "SSH" : rdp.contains(service) ? "RDP"
                : winrm.contains(service) ? "WinRM" : null;
        if (kind == null) {
            return Optional.empty();
        }
        WindowKey key = new WindowKey(v.resourceId(), v.remoteIp(), null, null, kind, v.outbound());
        return Optional.of(WindowHits.flow(rule(), t, key, null, v, null));
    }

    @Override
    public boolean crossed(WindowAgg a) {
        return a.count >= config.minAttempts();
    }

    @Override
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        if (!crossed(a)) {
            return Optional.empty();
        }
        WindowKey k = a.key;
        boolean outbound = k.outbound();
        String type = switch (k.service()) {
            case "SSH" -> "UnauthorizedAccess:EC2/SSHBruteForce";
            case "RDP" -> "UnauthorizedAccess:EC2/RDPBruteForce";
            default -> "Impact:EC2/WinRMBruteForce";
        };
        String d = outbound
                ? "EC2 instance " + k.resource() + " is performing " + k.service() + " brute force attacks against "
                        + k.peer() + " (" + a.count + " connections)."
                : k.peer() + " is performing " + k.service() + " brute force attacks against EC2 instance "
                        + k.resource() + " (" + a.count + " connections).";
        return WindowHits.hit(a, windowStart, type, Severities.bruteForce(outbound), d, WindowHits.action(a),
                outbound ? Blocks.ACTOR : Blocks.TARGET);
    }
}
