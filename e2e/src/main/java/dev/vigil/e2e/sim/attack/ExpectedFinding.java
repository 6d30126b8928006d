package dev.vigil.e2e.sim.attack;

import java.util.List;
import java.util.Map;

/**
 * The finding an {@link AttackScenario} must produce; {@code Simulator} adds the files that hold the scenario's
 * records and writes it to {@code manifest.json} as a {@code Manifest.Scenario} (same members, same meaning).
 *
 * @param id                 the scenario's id
 * @param description        what the simulated attacker did
 * @param account            the account whose logs hold the activity
 * @param findingTypes       the GuardDuty finding types any one of which satisfies the scenario
 * @param resource           the affected resource as in GuardDuty's {@code resource}
 * @param minSeverity        the lowest acceptable severity score (1.0-10.0)
 * @param high               whether the finding is expected at HIGH (7.0) or above
 * @param requiresThreatList whether the finding only appears once the threat list is uploaded
 * @param evidence           scenario-specific facts the files must show
 */
public record ExpectedFinding(String id, String description, String account, List<String> findingTypes,
                              Map<String, String> resource, double minSeverity, boolean high,
                              boolean requiresThreatList, Map<String, Object> evidence) {
}
