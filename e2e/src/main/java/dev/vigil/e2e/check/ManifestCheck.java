package dev.vigil.e2e.check;

import dev.vigil.e2e.sim.Manifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks findings against a simulator manifest. A scenario passes when some finding in the scenario's account has
 * one of its types, its resource (instance ID; or, for access keys, the user name or the access key ID) and at
 * least its minimum severity. A finding at HIGH or above is unexpected when it satisfies no scenario's account,
 * type and resource and, when the check is given the time its run began, was updated at or after it: a HIGH finding
 * that no event since then touched comes from an earlier workload on the same stack (a benchmark, a soak, a tenant's
 * own logs), not from this run's input. Scenarios that need the threat list are skipped when it was not uploaded.
 */
public final class ManifestCheck {

    /** One scenario's verdict; {@code match} is the satisfying finding or null. */
    public record ScenarioResult(Manifest.Scenario scenario, boolean passed, boolean skipped, FindingView match,
                                 String reason) {
    }

    /** The whole verdict. */
    public record Result(List<ScenarioResult> scenarios, List<FindingView> unexpectedHigh, int earlierHigh) {
        /** True if every checked scenario passed and no unexpected HIGH finding appeared. */
        public boolean passed() {
            return unexpectedHigh.isEmpty() && scenarios.stream().allMatch(s -> s.passed() || s.skipped());
        }

        /** Scenarios not yet satisfied (neither passed nor skipped). */
        public List<ScenarioResult> missing() {
            return scenarios.stream().filter(s -> !s.passed() && !s.skipped()).toList();
        }

        /** One {@code PASS}/{@code FAIL}/{@code SKIP} line per scenario, then one per unexpected HIGH finding. */
        public String report() {
            StringBuilder b = new StringBuilder();
            for (ScenarioResult s : scenarios) {
                String verdict = s.skipped() ? "SKIP" : s.passed() ? "PASS" : "FAIL";
                b.append(String.format(Locale.ROOT, "%s  %-33s %-12s %s%n", verdict, s.scenario().id(),
                    s.scenario().account(), s.passed()
                        ? s.match().type() + " " + s.match().level() + " " + s.match().severity() + " on " + s.match().resource()
                        : s.reason()));
            }
            for (FindingView f : unexpectedHigh) {
                b.append(String.format(Locale.ROOT, "FAIL  unexpected HIGH finding      %-12s %s %.1f on %s%n",
                    f.accountId(), f.type(), f.severity(), f.resource()));
            }
            if (earlierHigh > 0) {
                b.append(String.format(Locale.ROOT, "(%d HIGH finding(s) of no scenario, last updated before this run"
                    + " began, are an earlier workload's and were not judged)%n", earlierHigh));
            }
            return b.toString();
        }
    }

    private ManifestCheck() {
    }

    /**
     * Checks {@code findings} (archived ones included or not, as the caller chose) against {@code manifest}.
     *
     * @param threatListUploaded whether {@link Manifest#threatList()} was uploaded and activated
     */
    public static Result check(Manifest manifest, Collection<FindingView> findings, boolean threatListUploaded) {
        return check(manifest, findings, threatListUploaded, null);
    }

    /**
     * As {@link #check(Manifest, Collection, boolean)}; a HIGH finding of no scenario is unexpected only when it was
     * updated at or after {@code runStart} (null: every one is).
     */
    public static Result check(Manifest manifest, Collection<FindingView> findings, boolean threatListUploaded,
                               Instant runStart) {
        List<ScenarioResult> out = new ArrayList<>();
        for (Manifest.Scenario s : manifest.scenarios()) {
            if (s.requiresThreatList() && !threatListUploaded) {
                out.add(new ScenarioResult(s, false, true, null, "threat list not uploaded"));
                continue;
            }
            FindingView match = null;
            String reason = "no " + String.join(" or ", s.findingTypes()) + " finding for " + describe(s.resource());
            for (FindingView f : FindingView.sorted(findings)) {
                if (!sameActivity(s, f)) {
                    continue;
                }
                if (f.severity() + 1e-9 >= s.minSeverity()) {
                    match = f;
                    break;
                }
                reason = "found " + f.type() + " with severity " + f.severity() + " < " + s.minSeverity();
            }
            out.add(new ScenarioResult(s, match != null, false, match, match != null ? "" : reason));
        }
        List<FindingView> ofNoScenario = findings.stream().filter(FindingView::high)
            .filter(f -> manifest.scenarios().stream().noneMatch(s -> sameActivity(s, f))).toList();
        List<FindingView> unexpected = ofNoScenario.stream().filter(f -> f.updatedSince(runStart))
            .sorted(Comparator.comparing(FindingView::type)).toList();
        return new Result(out, unexpected, ofNoScenario.size() - unexpected.size());
    }

    /** Same account, one of the scenario's types, and the scenario's resource. */
    static boolean sameActivity(Manifest.Scenario s, FindingView f) {
        return s.account().equals(f.accountId()) && s.findingTypes().contains(f.type()) && sameResource(s.resource(), f);
    }

    static boolean sameResource(Map<String, String> r, FindingView f) {
        String instanceId = r.get("instanceId");
        if (instanceId != null) {
            return instanceId.equals(f.instanceId());
        }
        String user = r.get("userName");
        String key = r.get("accessKeyId");
        return user != null && user.equalsIgnoreCase(f.userName()) || key != null && key.equals(f.accessKeyId());
    }

    private static String describe(Map<String, String> r) {
        return r.getOrDefault("instanceId", r.getOrDefault("userName", "") + "/" + r.getOrDefault("accessKeyId", ""));
    }
}
