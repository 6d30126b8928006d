package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import java.util.List;

/**
 * build-1 (administrator), which always used the VPC resolver, sends DNS straight to an outside resolver the
 * attacker runs (UDP 53), e.g. a tunnelling tool such as iodine or dnscat2 talking to its own server: ten queries.
 */
public final class OutsideDnsResolver implements AttackScenario {
    /** An outside resolver on no list. */
    public static final String RESOLVER = "45.153.241.7";

    @Override
    public String id() {
        return "outside-dns-resolver";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance build1 = a.company().instance("build-1");
        long t = a.at(0.94);
        for (int n = 0; n < 10; n++) {
            a.logs().connection(build1, null, RESOLVER, 53, 17, t + n * 30L, 1 + a.rnd().nextInt(2));
        }
        return a.expect("build-1 sends DNS queries to the outside resolver " + RESOLVER + " instead of the VPC's",
            Company.ADMIN_ACCOUNT, List.of("DefenseEvasion:EC2/UnusualDNSResolver"), instanceResource(build1), 4.0,
            ordered("remoteIp", RESOLVER, "port", 53));
    }
}
