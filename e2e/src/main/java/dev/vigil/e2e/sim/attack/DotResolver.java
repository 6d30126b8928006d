package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import java.util.List;

/**
 * worker-2 (administrator) starts resolving over DNS over TLS (TCP 853) with Quad9, bypassing the VPC resolver and
 * its DNS Firewall: four TLS sessions. It never used DoT before.
 */
public final class DotResolver implements AttackScenario {
    /** Quad9. */
    public static final String RESOLVER = "9.9.9.9";

    @Override
    public String id() {
        return "dot-resolver";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance worker2 = a.company().instance("worker-2");
        long t = a.at(0.92);
        for (int n = 0; n < 4; n++) {
            a.logs().connection(worker2, null, RESOLVER, 853, 6, t + n * 240L, 10 + a.rnd().nextInt(20));
        }
        return a.expect("worker-2 resolves names over DNS over TLS with " + RESOLVER + " (Quad9)",
            Company.ADMIN_ACCOUNT, List.of("DefenseEvasion:EC2/UnusualDoTActivity"), instanceResource(worker2), 4.0,
            ordered("remoteIp", RESOLVER, "port", 853));
    }
}
