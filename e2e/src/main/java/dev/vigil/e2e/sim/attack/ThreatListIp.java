package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;

/**
 * app-1 (administrator) connects three times over HTTPS to a command server that only the administrator's uploaded
 * threat intel set knows: the finding appears only once the list is uploaded.
 */
public final class ThreatListIp implements AttackScenario {
    /** A command server only known through the uploaded threat list. */
    public static final String ADDRESS = "91.215.85.17";

    @Override
    public String id() {
        return "threat-list-ip";
    }

    /**
     * The uploaded list: this command server, then the port scan's and the outbound brute force's targets (bad
     * addresses a real feed would carry too).
     */
    @Override
    public List<String> threatList() {
        return List.of(ADDRESS, PortScan.TARGET_IP, SshBruteForceOut.VICTIM_IP);
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance app1 = a.company().instance("app-1");
        long t = a.at(0.56);
        for (int n = 0; n < 3; n++) {
            a.logs().connection(app1, null, ADDRESS, 443, 6, t + n * 120L, 10 + a.rnd().nextInt(10));
        }
        ExpectedFinding f = a.expect("app-1 connects to " + ADDRESS + ", an address on the administrator's uploaded "
                + "threat list", Company.ADMIN_ACCOUNT, List.of("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom"),
            instanceResource(app1), 4.0, ordered("remoteIp", ADDRESS));
        return new ExpectedFinding(f.id(), f.description(), f.account(), f.findingTypes(), f.resource(),
            f.minSeverity(), false, true, f.evidence());
    }
}
