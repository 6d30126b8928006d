package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.instanceResource;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company;
import java.util.List;
import java.util.Locale;

/**
 * db-1 (administrator) tunnels data out through DNS: 200 TXT queries in under seven minutes, each with a
 * 56-character base32 label and a sequence number under one attacker domain (NXDOMAIN, as the tunnel's server does
 * not answer honestly), the pattern of dnscat2/iodine-style tools.
 */
public final class DnsExfiltration implements AttackScenario {
    /** The domain the DNS exfiltration tunnels through. */
    public static final String DOMAIN = "cdn-sync-metrics.net";

    @Override
    public String id() {
        return "dns-exfil";
    }

    @Override
    public ExpectedFinding simulate(AttackContext a) {
        Instance db1 = a.company().instance("db-1");
        long t = a.at(0.38);
        int queries = 200;
        for (int n = 0; n < queries; n++) {
            String label = Company.upper(a.rnd(), 56).toLowerCase(Locale.ROOT);
            a.logs().dns(db1, t + n * 2L, label + "." + String.format("%04d", n) + "." + DOMAIN + ".", "TXT",
                "NXDOMAIN");
        }
        return a.expect("db-1 sends " + queries + " queries with 56-character encoded labels under " + DOMAIN,
            Company.ADMIN_ACCOUNT, List.of("Trojan:EC2/DNSDataExfiltration"), instanceResource(db1), 7.0,
            ordered("domain", DOMAIN, "queries", queries, "minLabelLength", 56));
    }
}
