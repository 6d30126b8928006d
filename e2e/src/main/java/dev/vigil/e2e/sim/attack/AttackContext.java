package dev.vigil.e2e.sim.attack;

import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.LogRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What one {@link AttackScenario} works with: its own view of the run's log (records tagged with its id), the
 * fictional company, the run's random source and the attack window (the last hours of the run).
 */
public final class AttackContext {
    private final String id;
    private final LogRecords logs;
    private final Company company;
    private final Random rnd;
    private final long windowStart;
    private final long windowSeconds;

    /**
     * @param id     the scenario's id
     * @param logs   the run's log (any view; this context tags with {@code id})
     * @param start  start of the attack window
     * @param end    end of the attack window (exclusive), the end of the run's data
     */
    public AttackContext(String id, LogRecords logs, Company company, Random rnd, Instant start, Instant end) {
        this.id = id;
        this.logs = logs.forScenario(id);
        this.company = company;
        this.rnd = rnd;
        this.windowStart = start.getEpochSecond();
        this.windowSeconds = end.getEpochSecond() - windowStart;
    }

    /** The run's log, tagging what is added with this scenario. */
    public LogRecords logs() {
        return logs;
    }

    /** The fictional company whose resources are attacked. */
    public Company company() {
        return company;
    }

    /** The run's random source: draw from it only, so the same seed yields the same bytes. */
    public Random rnd() {
        return rnd;
    }

    /**
     * The epoch second at {@code fraction} (0-1) of the attack window. Each scenario starts at its own fraction and
     * lasts at most a twentieth of the window, so scenarios do not overlap.
     */
    public long at(double fraction) {
        return windowStart + (long) (windowSeconds * fraction);
    }

    /**
     * The expected finding of this scenario, without the threat list; HIGH is expected when {@code minSeverity}
     * is 7.0 or more.
     *
     * @param evidence facts the files show (written with sorted keys)
     */
    public ExpectedFinding expect(String description, String account, List<String> types,
                                  Map<String, String> resource, double minSeverity, Map<String, Object> evidence) {
        return new ExpectedFinding(id, description, account, types, resource, minSeverity, minSeverity >= 7.0, false,
            new TreeMap<>(evidence));
    }

    /** GuardDuty's {@code resource} of an instance finding. */
    public static Map<String, String> instanceResource(Instance i) {
        return LogRecords.ordered("resourceType", "Instance", "instanceId", i.instanceId());
    }

    /** GuardDuty's {@code resource} of an access key finding. */
    public static Map<String, String> keyResource(String userName, String accessKeyId) {
        return LogRecords.ordered("resourceType", "AccessKey", "userName", userName, "accessKeyId", accessKeyId);
    }
}
