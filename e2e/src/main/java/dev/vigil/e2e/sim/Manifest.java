package dev.vigil.e2e.sim;

import java.util.List;
import java.util.Map;

/**
 * What a simulator run wrote and which GuardDuty findings it must produce; serialised as {@code manifest.json}.
 *
 * @param seed        the seed the run used
 * @param start       ISO-8601 UTC start of the benign period
 * @param end         ISO-8601 UTC end of the data (exclusive)
 * @param attackStart ISO-8601 UTC start of the attack window (the last hours)
 * @param region      the region of every record
 * @param administratorAccount the account that invites the member
 * @param memberAccount        the member account
 * @param threatList  IP addresses to upload as the administrator's threat intel set (TXT, one per line)
 * @param baseline    a note on the benign baseline: what it contains and that it must yield no finding
 * @param scenarios   the attack scenarios and their expected findings
 * @param files       every written file, relative to the output directory, in ingestion (chronological) order
 */
public record Manifest(long seed, String start, String end, String attackStart, String region,
                       String administratorAccount, String memberAccount, List<String> threatList, String baseline,
                       List<Scenario> scenarios, List<String> files) {

    /**
     * One attack scenario.
     *
     * @param id           short stable name (e.g. {@code port-scan})
     * @param description  what the simulated attacker did
     * @param account      the account whose logs hold the activity
     * @param findingTypes the GuardDuty finding types any one of which satisfies this scenario
     * @param resource     the affected resource as in GuardDuty's {@code resource} (resourceType and
     *                     instanceId, or accessKeyId/userName)
     * @param minSeverity  the lowest acceptable severity score (1.0-10.0)
     * @param high         whether the finding is expected at HIGH (7.0) or above
     * @param requiresThreatList true if the finding only appears once {@link Manifest#threatList()} is uploaded
     * @param evidence     scenario-specific facts the files must show (e.g. {@code distinctPorts})
     * @param files        the files (relative paths) holding the scenario's records
     */
    public record Scenario(String id, String description, String account, List<String> findingTypes,
                           Map<String, String> resource, double minSeverity, boolean high,
                           boolean requiresThreatList, Map<String, Object> evidence, List<String> files) {
    }
}
