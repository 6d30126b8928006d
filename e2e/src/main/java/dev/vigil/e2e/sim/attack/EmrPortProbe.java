package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import java.util.List;

/**
 * A known scanner (an address of the shipped URLhaus list) reaches worker-1's (administrator) YARN ResourceManager
 * web port 8088, left open to the internet: three accepted connections a few seconds apart, as the scanners that
 * submit YARN applications for cryptomining do (the "Hadoop YARN unauthenticated RCE" campaigns).
 */
public final class EmrPortProbe implements AttackScenario {
    /** A host of the shipped malicious-address list (URLhaus). */
    public static final String SCANNER_IP = "190.108.227.250";

    @Override
    public String id() {
        return "emr-port-probe";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance worker1 = a.company().instance("worker-1");
        long t = a.at(0.88);
        for (int n = 0; n < 3; n++) {
            a.logs().connection(null, worker1, SCANNER_IP, 8088, 6, t + n * (3L + a.rnd().nextInt(5)),
                3 + a.rnd().nextInt(4));
        }
        return a.expect("the known scanner " + SCANNER_IP + " reaches worker-1's open YARN port 8088",
            Company.ADMIN_ACCOUNT, List.of("Recon:EC2/PortProbeEMRUnprotectedPort"), instanceResource(worker1), 7.0,
            ordered("port", 8088, "remoteIp", SCANNER_IP));
    }
}
