package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * app-3 (administrator) opens four connections to a Tor exit node's OR port 9001, a minute apart.
 */
public final class TorClient implements AttackScenario {
    /** A Tor exit node from the public exit list (2024 snapshot). */
    public static final String EXIT_IP = "185.220.101.1";

    @Override
    public String id() {
        return "tor";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance app3 = a.company().instance("app-3");
        long t = a.at(0.52);
        for (int n = 0; n < 4; n++) {
            a.logs().connection(app3, null, EXIT_IP, 9001, 6, t + n * 60L, 30 + a.rnd().nextInt(30));
        }
        return a.expect("app-3 connects to the Tor exit node " + EXIT_IP + " on port 9001",
            Company.ADMIN_ACCOUNT, List.of("UnauthorizedAccess:EC2/TorClient"), instanceResource(app3), 7.0,
            ordered("remoteIp", EXIT_IP, "port", 9001));
    }
}
