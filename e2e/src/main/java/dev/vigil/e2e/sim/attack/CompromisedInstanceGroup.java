package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import java.util.List;

/**
 * The admin account's instances are compromised one after the other (app-2 here resolves a mining pool first; the
 * C&amp;C, mining, DGA, exfiltration and Tor scenarios on app-1, worker-1, worker-2, db-1 and app-3 follow in the same
 * VPC): GuardDuty correlates them into one {@code AttackSequence:EC2/CompromisedInstanceGroup}, whose resource is the
 * first instance compromised, app-2.
 */
public final class CompromisedInstanceGroup implements AttackScenario {

    @Override
    public String id() {
        return "compromised-instance-group";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance app2 = a.company().instance("app-2");
        long t = a.at(0.145);
        for (int n = 0; n < 4; n++) {
            a.logs().dns(app2, t + n * 30L, MiningDns.DOMAIN + ".", "A", "NOERROR");
        }
        return a.expect("instances of the admin account's VPC compromised one after the other", Company.ADMIN_ACCOUNT,
            // app-2's own mining finding (High, 8.0) is listed so that it is expected, but only the sequence reaches 9.0
            List.of("AttackSequence:EC2/CompromisedInstanceGroup", "CryptoCurrency:EC2/BitcoinTool.B!DNS"),
            instanceResource(app2), 9.0,
            ordered("firstInstance", "app-2", "vpc", app2.vpcId()));
    }
}
