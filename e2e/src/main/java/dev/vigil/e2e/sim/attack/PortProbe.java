package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Flow;
import java.util.List;
import java.util.Random;

/**
 * 25 internet sources (a scanning service's range) probe web-2's MySQL port 3306, which its security group leaves
 * open: each connection is accepted and answered.
 */
public final class PortProbe implements AttackScenario {
    @Override
    public String id() {
        return "port-probe";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Random rnd = a.rnd();
        Instance web2 = a.company().instance("web-2");
        long t = a.at(0.22);
        int sources = 25;
        for (int n = 0; n < sources; n++) {
            String src = "89.248." + (160 + n % 8) + "." + (10 + n * 7);
            long s = t + n * 20L;
            int sport = 30000 + rnd.nextInt(30000);
            a.logs().flow(new Flow(web2, src, web2.privateIp(), sport, 3306, 6, 3, 180, s, s + 1, "ACCEPT", true, 2));
            a.logs().flow(new Flow(web2, web2.privateIp(), src, 3306, sport, 6, 2, 112, s, s + 1, "ACCEPT", false, 18));
        }
        return a.expect(sources + " internet sources probe web-2's open MySQL port 3306",
            Company.ADMIN_ACCOUNT, List.of("Recon:EC2/PortProbeUnprotectedPort"), instanceResource(web2), 1.0,
            ordered("port", 3306, "distinctSources", sources));
    }
}
