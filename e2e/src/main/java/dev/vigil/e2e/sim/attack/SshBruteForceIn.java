package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Flow;
import java.util.List;
import java.util.Random;

/**
 * An internet address makes 240 SSH attempts in 12 minutes against the member's bastion-a; every fifth is rejected by
 * the security group, the others are short sessions that fail authentication.
 */
public final class SshBruteForceIn implements AttackScenario {
    /** The attacker brute-forcing SSH on the member's bastion. */
    public static final String ATTACKER_IP = "103.99.0.122";
    /** SSH attempts, one every three seconds. */
    static final int ATTEMPTS = 240;

    @Override
    public String id() {
        return "ssh-brute-force-in";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Random rnd = a.rnd();
        Instance bastion = a.company().instance("bastion-a");
        long t = a.at(0.09);
        for (int n = 0; n < ATTEMPTS; n++) {
            long s = t + n * 3L;
            int sport = 30000 + rnd.nextInt(30000);
            boolean rejected = n % 5 == 4;
            a.logs().flow(new Flow(bastion, ATTACKER_IP, bastion.privateIp(), sport, 22, 6,
                rejected ? 1 : 12 + rnd.nextInt(8), rejected ? 60 : 2200 + rnd.nextInt(900), s, s + 2,
                rejected ? "REJECT" : "ACCEPT", true, rejected ? 2 : 27));
            if (!rejected) {
                a.logs().flow(new Flow(bastion, bastion.privateIp(), ATTACKER_IP, 22, sport, 6,
                    10 + rnd.nextInt(8), 2600 + rnd.nextInt(900), s, s + 2, "ACCEPT", false, 27));
            }
        }
        return a.expect(ATTACKER_IP + " makes " + ATTEMPTS + " SSH attempts against the member's bastion-a in 12 minutes",
            Company.MEMBER_ACCOUNT, List.of("UnauthorizedAccess:EC2/SSHBruteForce"), instanceResource(bastion), 1.0,
            ordered("remoteIp", ATTACKER_IP, "port", 22, "attempts", ATTEMPTS));
    }
}
