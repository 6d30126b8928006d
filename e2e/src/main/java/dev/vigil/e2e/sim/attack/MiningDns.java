package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * worker-1 (administrator) resolves a cryptocurrency mining pool six times in four minutes.
 */
public final class MiningDns implements AttackScenario {
    /** A mining pool (a subdomain of minergate.com, on the public mining-pool lists). */
    public static final String DOMAIN = "xmr.pool.minergate.com";

    @Override
    public String id() {
        return "mining-dns";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance worker1 = a.company().instance("worker-1");
        long t = a.at(0.32);
        for (int n = 0; n < 6; n++) {
            a.logs().dns(worker1, t + n * 40L, DOMAIN + ".", "A", "NOERROR");
        }
        return a.expect("worker-1 resolves the mining pool " + DOMAIN, Company.ADMIN_ACCOUNT,
            List.of("CryptoCurrency:EC2/BitcoinTool.B!DNS"), instanceResource(worker1), 7.0,
            ordered("domain", DOMAIN));
    }
}
