package dev.vigil.e2e.sim.attack;

import java.util.List;

/**
 * One simulated attack: the log records an attacker's activity leaves, and the GuardDuty finding that activity must
 * produce. A new detection's scenario is one class implementing this, listed in {@link AttackScenarios#ALL}.
 *
 * <p>Model each scenario on the attack as it is seen in the wild (GuardDuty's tester,
 * github.com/awslabs/amazon-guardduty-tester, and public write-ups), not on a detector's thresholds.
 */
public interface AttackScenario {

    /** A short stable name, e.g. {@code port-scan}: the scenario's id in {@code manifest.json} and the demo's report. */
    String id();

    /**
     * Adds the attack's records through {@link AttackContext#logs()} (benign records of the same hours are already
     * there) and says which finding they must yield.
     *
     * @param attack this scenario's view of the run: its log, the company, the random source, the attack window
     * @return the expected finding
     */
    ExpectedFinding simulate(AttackContext attack);

    /** Addresses this scenario needs on the administrator's uploaded threat list (none by default). */
    default List<String> threatList() {
        return List.of();
    }
}
