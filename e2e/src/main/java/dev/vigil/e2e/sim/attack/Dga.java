package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * worker-2 (administrator) queries 40 algorithmically generated domains (12-19 random letters under common TLDs)
 * within two minutes, nearly all NXDOMAIN: malware looking for its current command server.
 */
public final class Dga implements AttackScenario {
    @Override
    public String id() {
        return "dga";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Random rnd = a.rnd();
        Instance worker2 = a.company().instance("worker-2");
        long t = a.at(0.45);
        Set<String> dga = new LinkedHashSet<>();
        String[] tlds = {"com", "net", "org", "info", "biz"};
        while (dga.size() < 40) {
            dga.add(randomLetters(rnd, 12 + rnd.nextInt(8)) + "." + tlds[rnd.nextInt(tlds.length)]);
        }
        int k = 0;
        for (String d : dga) {
            a.logs().dns(worker2, t + k++ * 3L, d + ".", "A", "NXDOMAIN");
        }
        return a.expect("worker-2 queries " + dga.size() + " algorithmically generated domains (NXDOMAIN)",
            Company.ADMIN_ACCOUNT, List.of("Trojan:EC2/DGADomainRequest.C!DNS", "Trojan:EC2/DGADomainRequest.B"),
            instanceResource(worker2), 7.0, ordered("distinctDomains", dga.size()));
    }

    private static String randomLetters(Random rnd, int n) {
        String consonantHeavy = "bcdfghjklmnpqrstvwxzaeiouy";
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append(consonantHeavy.charAt(rnd.nextInt(consonantHeavy.length())));
        }
        return b.toString();
    }
}
