package dev.vigil.detector.bench;

import dev.vigil.detector.rules.Net;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.Category;
import dev.vigil.detector.threatintel.TenantLists;
import inet.ipaddr.IPAddress;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookups per second of the threat-intel matchers, one thread: an IPv4 and an IPv6 address against every shipped
 * category plus six tenant lists of 250,000 entries (what a flow record costs), and a DNS name against every shipped
 * domain category plus the tenant domains (what a DNS record costs). Addresses and names are random (mostly misses,
 * as in real traffic), pre-parsed: the parse is the flow parser's cost, not the matcher's. Run by hand, see
 * BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class ThreatIntelBenchmark {

    private static final int N = 4096;
    private BuiltInThreatIntel intel;
    private TenantLists tenant;
    private final IPAddress[] v4 = new IPAddress[N];
    private final IPAddress[] v6 = new IPAddress[N];
    private final String[] names = new String[N];
    private int i;

    @Setup
    public void setup() {
        intel = BuiltInThreatIntel.load(Optional.empty());
        tenant = TenantLists.of(TenantListFixture.state("111111111111", 6, 250_000, 7), "us-east-1");
        Random r = new Random(11);
        for (int k = 0; k < N; k++) {
            v4[k] = Net.parse(TenantListFixture.ipv4(r));
            v6[k] = Net.parse(String.format("2a%02x:%x:%x::%x", r.nextInt(256), r.nextInt(65536), r.nextInt(65536),
                    r.nextInt(65536)));
            names[k] = "www." + TenantListFixture.label(r) + "." + TenantListFixture.label(r) + ".com";
        }
    }

    private int next() {
        i = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public int ipv4() {
        return lookup(v4[next()]);
    }

    @Benchmark
    public int ipv6() {
        return lookup(v6[next()]);
    }

    @Benchmark
    public int domain() {
        String n = names[next()];
        int hits = tenant.threatDomains().match(n) != null ? 1 : 0;
        hits += tenant.trustedDomains().match(n) != null ? 1 : 0;
        for (Category c : Category.values()) {
            hits += intel.domains(c).match(n) != null ? 1 : 0;
        }
        return hits;
    }

    private int lookup(IPAddress a) {
        int hits = tenant.trusted().contains(a) ? 1 : 0;
        hits += tenant.threats().match(a).size();
        for (Category c : Category.values()) {
            hits += intel.ips(c).match(a).size();
        }
        return hits;
    }
}
