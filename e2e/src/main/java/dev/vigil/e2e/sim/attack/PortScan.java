package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Flow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * app-2 (administrator) scans three quarters of the TCP ports 1-1024 of one internet host in about a minute, as
 * nmap's default SYN scan does: most ports answer with a reset, 22, 80 and 443 with SYN-ACK.
 */
public final class PortScan implements AttackScenario {
    /** The host the port scan targets (scanme.nmap.org). */
    public static final String TARGET_IP = "45.33.32.156";

    @Override
    public String id() {
        return "port-scan";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Random rnd = a.rnd();
        Instance scanner = a.company().instance("app-2");
        long t = a.at(0.03);
        Set<Integer> ports = new LinkedHashSet<>();
        for (int p = 1; p <= 1024; p++) {
            if (rnd.nextInt(4) > 0) {
                ports.add(p);
            }
        }
        int k = 0;
        for (int p : ports) {
            long s = t + k++ / 20;
            boolean open = p == 22 || p == 80 || p == 443;
            a.logs().flow(new Flow(scanner, scanner.privateIp(), TARGET_IP, 40000 + rnd.nextInt(20000), p, 6,
                1, 44, s, s + 1, "ACCEPT", false, 2));
            a.logs().flow(new Flow(scanner, TARGET_IP, scanner.privateIp(), p, 40000, 6, 1, open ? 44 : 40,
                s, s + 1, "ACCEPT", true, open ? 18 : 20));
        }
        return a.expect("app-2 scans " + ports.size() + " TCP ports of " + TARGET_IP + " in a minute",
            Company.ADMIN_ACCOUNT, List.of("Recon:EC2/Portscan"), instanceResource(scanner), 4.0,
            ordered("remoteIp", TARGET_IP, "distinctPorts", ports.size()));
    }
}
