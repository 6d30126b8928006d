package dev.vigil.e2e.cli;

import dev.vigil.e2e.sim.Manifest;
import dev.vigil.e2e.sim.Simulator;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil simulate}: writes a benign week plus attack scenarios and their manifest. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Generate a week of benign logs for a fictional company plus attack scenarios (modelled on "
        + "amazon-guardduty-tester) and manifest.json of the findings they must produce.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "output directory (created if missing)")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--end", description = "end of the data, ISO-8601 UTC (default: now rounded down to the hour)")
    Instant end;

    @Option(names = "--days", defaultValue = "7", description = "days of benign history before the attack window (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--attack-hours", defaultValue = "3",
        description = "attacks happen in this many last hours (default ${DEFAULT-VALUE})")
    int attackHours;

    @Option(names = "--gzip", description = "gzip every file (.gz), as S3 delivery does")
    boolean gzip;

    @Override
    public Integer call() throws Exception {
        Manifest m = run();
        System.out.printf("wrote %d files and manifest.json to %s (%s .. %s, %d scenarios, attacks from %s)%n",
            m.files().size(), out, m.start(), m.end(), m.scenarios().size(), m.attackStart());
        return 0;
    }

    Manifest run() throws java.io.IOException {
        Instant e = end != null ? end : Instant.now().truncatedTo(ChronoUnit.HOURS);
        return Simulator.run(new Simulator.Options(seed, e, days, attackHours, gzip), out);
    }

    /** Options for callers (demo-run) that simulate without the command line. */
    static Manifest simulate(Path out, long seed, Instant end, int days, int attackHours, boolean gzip)
        throws java.io.IOException {
        return Simulator.run(new Simulator.Options(seed, end, days, attackHours, gzip), out);
    }
}
