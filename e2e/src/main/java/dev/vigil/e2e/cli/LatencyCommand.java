package dev.vigil.e2e.cli;

import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.bench.BackgroundLoad;
import dev.vigil.e2e.bench.LatencyBenchmark;
import dev.vigil.e2e.client.GuardDutyApi;
import dev.vigil.e2e.client.TokenSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil latency}: end-to-end detection latency on the running stack ({@link LatencyBenchmark}), idle and
 * under a steady benign flow-log load ({@link BackgroundLoad}), printed as Markdown table rows with p50, p99 and
 * maximum in ms. Records go in as the collector; findings are read as {@code admin-111} (account 111111111111,
 * whose detector is created when missing). Exit code 1 when a sample's finding never appeared.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Measure ingest-to-ListFindings latency for a signature and a windowed rule, idle and under load.")
public final class LatencyCommand implements Callable<Integer> {
    @Mixin
    Connection conn;

    @Option(names = "--samples", defaultValue = "20", description = "samples per kind and phase (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--load-rate", defaultValue = "2000",
        description = "benign flow records per second during the loaded phase; 0 skips it (default ${DEFAULT-VALUE})")
    int loadRate;

    @Option(names = "--below", defaultValue = "20",
        description = "ports probed before the crossing call (below the port-scan threshold; default ${DEFAULT-VALUE})")
    int below;

    @Option(names = "--crossing", defaultValue = "10", description = "ports probed by the crossing call (default ${DEFAULT-VALUE})")
    int crossing;

    @Mixin
    LoadIdentities ids;

    @Override
    public Integer call() throws Exception {
        TokenSource admin = ids.admin(conn);
        TokenSource collector = ids.collector(conn);
        String detectorId = new GuardDutyApi(conn.accounts(admin), conn.findings(admin)).ensureDetector();
        LatencyBenchmark bench = new LatencyBenchmark(conn.ingest(collector), conn.findings(admin), detectorId,
            DemoIdentities.ADMIN_ACCOUNT);
        bench.signatureSample(); // warm-up: token, connections, the detector's first records of the account
        System.out.println("| phase | kind | samples | p50 ms | p99 ms | max ms | missed |");
        System.out.println("|---|---|---|---|---|---|---|");
        boolean missed = phase("idle", bench, null);
        if (loadRate > 0) {
            try (BackgroundLoad load = new BackgroundLoad(conn.ingest(collector), DemoIdentities.ADMIN_ACCOUNT,
                loadRate)) {
                Thread.sleep(5_000);
                missed |= phase(String.format(Locale.ROOT, "load %,d records/s", loadRate), bench, load);
                System.out.printf(Locale.ROOT, "(background load accepted %.0f records/s)%n", load.rate());
            }
        }
        return missed ? 1 : 0;
    }

    private boolean phase(String name, LatencyBenchmark bench, BackgroundLoad load) {
        boolean a = row(name, "signature (PenTest:IAMUser/KaliLinux)", bench::signatureSample);
        boolean b = row(name, "windowed, from the crossing record (Recon:EC2/Portscan)",
            () -> bench.windowedSample(below, crossing));
        return a | b;
    }

    private boolean row(String phase, String kind, LongSupplier sample) {
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            ms.add(sample.getAsLong());
        }
        long missed = ms.stream().filter(v -> v < 0).count();
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d |%n", phase, kind, samples,
            LatencyBenchmark.percentile(ms, 50), LatencyBenchmark.percentile(ms, 99),
            LatencyBenchmark.percentile(ms, 100), missed);
        return missed > 0;
    }
}
