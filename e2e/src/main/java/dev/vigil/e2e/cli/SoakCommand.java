package dev.vigil.e2e.cli;

import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.LocalStack;
import dev.vigil.e2e.bench.BackgroundLoad;
import dev.vigil.e2e.bench.StackSampler;
import dev.vigil.e2e.client.GuardDutyApi;
import dev.vigil.e2e.client.TokenSource;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil soak}: a steady benign flow-log load on the local stack for a while (issue 20, case 6), then a report:
 * each process's resident memory after the warm-up and at the end, the detector's consumer lag on the flow topic
 * over the run, and the ERROR lines each component logged meanwhile. Exit code 1 when the lag kept growing to the
 * end, or a component logged an error.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Run a steady load on the local stack and report memory, lag and errors.")
public final class SoakCommand implements Callable<Integer> {
    @Mixin
    Connection conn;

    @Option(names = "--minutes", defaultValue = "30", description = "load duration after the warm-up (default ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--warmup-minutes", defaultValue = "2", description = "warm-up before the first sample (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--rate", defaultValue = "2000", description = "flow records per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--event-hours", defaultValue = "0", description = "event time the load covers: records are "
        + "stamped from this many hours ago, advancing evenly to now at the end, so that a soak shorter than the "
        + "detector's 24-hour lateness horizon still passes it (default ${DEFAULT-VALUE}: stamped a minute ago)")
    double eventHours;

    @Mixin
    LoadIdentities ids;

    @Override
    public Integer call() throws Exception {
        TokenSource admin = ids.admin(conn);
        new GuardDutyApi(conn.accounts(admin), conn.findings(admin)).ensureDetector();
        StackSampler sampler = new StackSampler(Path.of(LocalStack.env("VIGIL_HOME", ".vigil")),
            LocalStack.url("detector"));
        long wallSeconds = (minutes + warmup) * 60L;
        long start = System.currentTimeMillis() / 1000 - 60;
        double scale = eventHours * 3600 / wallSeconds; // event seconds per wall second
        LongSupplier eventSecond = eventHours <= 0 ? () -> System.currentTimeMillis() / 1000 - 60
            : () -> Math.min(System.currentTimeMillis() / 1000 - 60, start - Math.round(eventHours * 3600)
                + Math.round((System.currentTimeMillis() / 1000 - start) * scale));
        try (BackgroundLoad load = new BackgroundLoad(conn.ingest(ids.collector(conn)), DemoIdentities.ADMIN_ACCOUNT,
            rate, eventSecond)) {
            Thread.sleep(warmup * 60_000L);
            Map<String, Long> rssStart = sampler.rssMb();
            Map<String, Long> logStart = sampler.logSizes();
            long lagFirst = sampler.flowLag();
            long lagMax = Math.max(0, lagFirst);
            long lagLast = lagFirst;
            for (int i = 0; i < minutes * 2; i++) {
                Thread.sleep(30_000);
                lagLast = sampler.flowLag();
                lagMax = Math.max(lagMax, lagLast);
                System.out.printf(Locale.ROOT, "%5.1f min: flow lag %,d records, load %.0f records/s, event time %s,"
                    + " RSS MB %s%n", (i + 1) / 2.0, lagLast, load.rate(),
                    java.time.Instant.ofEpochSecond(eventSecond.getAsLong()), sampler.rssMb());
            }
            Map<String, Long> rssEnd = sampler.rssMb();
            Map<String, Long> errors = sampler.errorLinesSince(logStart);
            System.out.printf(Locale.ROOT, "%nsoak: %d min at %,d records/s (accepted %.0f/s) after %d min warm-up%n",
                minutes, rate, load.rate(), warmup);
            System.out.println("| component | RSS after warm-up MB | RSS at end MB | ERROR lines |");
            System.out.println("|---|---|---|---|");
            for (String c : rssStart.keySet()) {
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d |%n", c, rssStart.get(c),
                    rssEnd.getOrDefault(c, -1L), errors.getOrDefault(c, 0L));
            }
            System.out.printf(Locale.ROOT, "flow lag: %,d records after warm-up, max %,d, %,d at the end%n", lagFirst,
                lagMax, lagLast);
            boolean growing = lagLast > Math.max(lagFirst, 10_000);
            long errorLines = errors.values().stream().mapToLong(Long::longValue).sum();
            return growing || errorLines > 0 ? 1 : 0;
        }
    }
}
