package dev.vigil.detector.bench;

import dev.vigil.detector.reputation.PopularDomains;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.Category;
import dev.vigil.detector.threatintel.TenantLists;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Retained heap of the threat intelligence: the shipped lists (with the popular-domains list) and one account's six
 * tenant lists of 250,000 entries ({@link TenantListFixture}), measured as used heap after full collections before
 * and after building them. A {@code main}, run by hand (BENCHMARKS.md):
 * {@code java -Xmx4g -cp ... dev.vigil.detector.bench.ThreatIntelMemory}.
 */
public final class ThreatIntelMemory {

    private ThreatIntelMemory() {
    }

    public static void main(String[] args) throws Exception {
        long base = used();
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());
        PopularDomains popular = PopularDomains.get();
        intel.ips(Category.TOR).contains(dev.vigil.detector.rules.Net.parse("192.0.2.1"));
        for (Category c : Category.values()) {
            intel.ips(c).contains(dev.vigil.detector.rules.Net.parse("192.0.2.1")); // freezes the matchers
        }
        long shipped = used();
        int entries = 0;
        for (Category c : Category.values()) {
            entries += intel.ips(c).size() + intel.domains(c).size();
            System.out.printf("%-10s %7d addresses/blocks %7d domains%n", c, intel.ips(c).size(),
                    intel.domains(c).size());
        }
        var state = TenantListFixture.state("111111111111", 6, 250_000, 7);
        var threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        TenantLists tenant = TenantLists.of(state, "us-east-1");
        tenant.threats().contains(dev.vigil.detector.rules.Net.parse("192.0.2.1")); // freezes the matcher
        long compileMs = (System.nanoTime() - t0) / 1_000_000;
        long compileCpuMs = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
        state = null;
        long withTenant = used();
        System.out.printf("shipped lists: %d entries + %d popular names: %.1f MiB%n", entries, popular.names().size(),
                (shipped - base) / 1048576.0);
        System.out.printf("6 tenant lists x 250,000 entries (%d addresses/blocks, %d domains): %.1f MiB,"
                + " compiled in %d ms (%d ms CPU)%n", tenant.threats().size(), tenant.threatDomains().size(),
                (withTenant - shipped) / 1048576.0, compileMs, compileCpuMs);
        System.out.println(intel.hashCode() + tenant.hashCode() > 0 ? "" : " "); // keep both reachable
    }

    private static long used() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
