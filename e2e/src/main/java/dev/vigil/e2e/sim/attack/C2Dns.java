package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * app-1 (administrator) resolves GuardDuty tester's command-and-control test domain six times in three minutes.
 */
public final class C2Dns implements AttackScenario {
    /** GuardDuty tester's C&C test domain. */
    public static final String DOMAIN = "guarddutyc2activityb.com";

    @Override
    public String id() {
        return "c2-dns";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance app1 = a.company().instance("app-1");
        long t = a.at(0.28);
        for (int n = 0; n < 6; n++) {
            a.logs().dns(app1, t + n * 30L, DOMAIN + ".", "A", "NOERROR");
        }
        return a.expect("app-1 resolves the C&C test domain " + DOMAIN, Company.ADMIN_ACCOUNT,
            List.of("Backdoor:EC2/C&CActivity.B!DNS"), instanceResource(app1), 7.0, ordered("domain", DOMAIN));
    }
}
