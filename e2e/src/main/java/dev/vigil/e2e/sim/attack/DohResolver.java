package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import java.util.List;

/**
 * Malware on app-2 (administrator) resolves its command servers over DNS over HTTPS with Google's public resolver
 * (dns.google, 8.8.8.8:443), as Godlua and other DoH-aware families do, so the VPC resolver's query log never sees
 * the names: six HTTPS sessions over the attack window. app-2 never used a public resolver before.
 */
public final class DohResolver implements AttackScenario {
    /** dns.google. */
    public static final String RESOLVER = "8.8.8.8";

    @Override
    public String id() {
        return "doh-resolver";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance app2 = a.company().instance("app-2");
        long t = a.at(0.90);
        for (int n = 0; n < 6; n++) {
            a.logs().connection(app2, null, RESOLVER, 443, 6, t + n * 300L, 12 + a.rnd().nextInt(20));
        }
        return a.expect("app-2 resolves names over DNS over HTTPS with " + RESOLVER + " (dns.google)",
            Company.ADMIN_ACCOUNT, List.of("DefenseEvasion:EC2/UnusualDoHActivity"), instanceResource(app2), 4.0,
            ordered("remoteIp", RESOLVER, "port", 443));
    }
}
