package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Flow;
import java.util.List;
import java.util.Random;

/**
 * The compromised build-1 (administrator) makes 240 outbound SSH attempts against one internet host, as a worm or a
 * brute-force kit does from a victim.
 */
public final class SshBruteForceOut implements AttackScenario {
    /** The host the compromised build server brute-forces. */
    public static final String VICTIM_IP = "161.35.10.20";

    @Override
    public String id() {
        return "ssh-brute-force-out";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Random rnd = a.rnd();
        Instance build = a.company().instance("build-1");
        long t = a.at(0.16);
        int attempts = SshBruteForceIn.ATTEMPTS;
        for (int n = 0; n < attempts; n++) {
            long s = t + n * 3L;
            int sport = 30000 + rnd.nextInt(30000);
            a.logs().flow(new Flow(build, build.privateIp(), VICTIM_IP, sport, 22, 6,
                12 + rnd.nextInt(8), 2200 + rnd.nextInt(900), s, s + 2, "ACCEPT", false, 27));
            a.logs().flow(new Flow(build, VICTIM_IP, build.privateIp(), 22, sport, 6,
                10 + rnd.nextInt(8), 2600 + rnd.nextInt(900), s, s + 2, "ACCEPT", true, 27));
        }
        return a.expect("build-1 makes " + attempts + " outbound SSH attempts against " + VICTIM_IP,
            Company.ADMIN_ACCOUNT, List.of("UnauthorizedAccess:EC2/SSHBruteForce"), instanceResource(build), 7.0,
            ordered("remoteIp", VICTIM_IP, "port", 22, "attempts", attempts));
    }
}
