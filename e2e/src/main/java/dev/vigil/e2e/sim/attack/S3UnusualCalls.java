package dev.vigil.e2e.sim.attack;

import static dev.vigil.e2e.sim.attack.AttackContext.keyResource;
import static dev.vigil.e2e.sim.records.LogRecords.iamUser;
import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import dev.vigil.e2e.sim.records.Company.User;
import java.util.List;

/**
 * The shape of the S3 AnomalousBehavior scenarios: S3 data calls of a service user whose hourly S3 data events
 * ({@code BenignActivity.s3DataHistory}) make a learned baseline of a week, calls its baseline never saw (an API, a
 * network, a tool) or far more of them than it ever made. Each scenario's principal raises findings of at most one
 * further ATT&amp;CK tactic, so no attack sequence follows (the detector's sequence rule needs two besides the
 * anchor's own, detector README "Attack sequences"). Subclasses only say what is called, by whom, from where.
 */
abstract class S3UnusualCalls implements AttackScenario {

    /** One call: the API and the object key ({@code null} for a bucket-level call). */
    record Call(String api, String key) {
    }

    /**
     * What a scenario does.
     *
     * @param principal the service user whose credentials make the calls
     * @param sourceIp  where the calls come from
     * @param agent     their user agent
     * @param fraction  when the first call is, as a fraction of the attack window ({@link AttackContext#at})
     * @param type      the finding type the scenario expects, at least {@code minSeverity}
     * @param story     what happens, for the manifest
     */
    record Spec(User principal, String bucket, String sourceIp, String agent, double fraction, String type,
                double minSeverity, String story, List<Call> calls) {
    }

    private final String id;
    private final Spec spec;

    S3UnusualCalls(String id, Spec spec) {
        this.id = id;
        this.spec = spec;
    }

    @Override
    public final String id() {
        return id;
    }

    /** Seconds between calls. */
    long spacing() {
        return 15;
    }

    /** The epoch second of the first call. */
    long start(AttackContext a) {
        return a.at(spec.fraction());
    }

    @Override
    public final ExpectedFinding simulate(AttackContext a) {
        User u = spec.principal();
        long t = start(a);
        List<Call> calls = spec.calls();
        for (int k = 0; k < calls.size(); k++) {
            a.logs().s3(t + k * spacing(), iamUser(u), calls.get(k).api(), spec.bucket(), calls.get(k).key(),
                spec.sourceIp(), spec.agent());
        }
        return a.expect(spec.story(), u.account(), List.of(spec.type()), keyResource(u.name(), u.accessKeyId()),
            spec.minSeverity(), ordered("sourceIp", spec.sourceIp(), "bucket", spec.bucket(), "calls", calls.size(),
                "api", calls.get(0).api()));
    }
}
