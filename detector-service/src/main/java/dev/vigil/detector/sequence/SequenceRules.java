package dev.vigil.detector.sequence;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When an actor's signals are an attack sequence, of which type, and how severe (the rationale and sources are in the
 * detector README, "Attack sequences").
 *
 * <ul>
 *   <li>{@code AttackSequence:IAM/CompromisedCredentials}: an <em>anchor</em>, a finding of at least Medium
 *       severity about the credential that is not a {@code Policy} finding (used from Tor or a malicious address,
 *       from a penetration-testing distribution, anomalously, instance credentials used elsewhere), and at least two
 *       ATT&amp;CK tactics besides Initial Access among its other findings and the API calls made from an address an
 *       anchor names (the intruder's infrastructure: the same credential's ordinary use from elsewhere, e.g. an
 *       instance role's own calls from its instance, is not part of the attack), one of them beyond Discovery
 *       ({@link #STRONG}).</li>
 *   <li>{@code AttackSequence:S3/CompromisedData}: the same, with S3 data read ({@value #S3_READ_BURST} or more
 *       {@code GetObject}), destroyed or exposed, or an S3 finding, among the signals.</li>
 *   <li>{@code AttackSequence:EC2/CompromisedInstanceGroup}: compromise findings of at least Medium severity
 *       (C&amp;C, mining, malware, Tor, malicious domains) on two or more instances of one group.</li>
 * </ul>
 */
public final class SequenceRules {

    /** Sequence type of a compromised credential. */
    public static final String IAM = "AttackSequence:IAM/CompromisedCredentials";
    /** Sequence type of compromised S3 data. */
    public static final String S3 = "AttackSequence:S3/CompromisedData";
    /** Sequence type of a compromised instance group. */
    public static final String EC2 = "AttackSequence:EC2/CompromisedInstanceGroup";
    /** Lowest severity of an anchor or instance-compromise finding: GuardDuty's Medium. */
    public static final double ANCHOR_SEVERITY = 4.0;
    /** {@code GetObject} calls that make object reads a data-access step (a burst, not a single read). */
    public static final long S3_READ_BURST = 20;
    /** Tactics that show an intruder acting, not only looking around. */
    public static final Set<String> STRONG = Set.of("Persistence", "Privilege Escalation", "Defense Evasion",
            "Credential Access", "Collection", "Exfiltration", "Impact");

    /**
     * A sequence: its type, severity (9.0 to 10.0), tactics in the order first seen, the signals that make it (their
     * uids) and their events.
     */
    public record Verdict(String type, double severity, List<String> tactics, Set<String> signals, long events) {
    }

    private SequenceRules() {
    }

    /** The sequence {@code state} amounts to, if any. */
    public static Optional<Verdict> evaluate(ActorState state) {
        return state.scope == SequenceSignal.Scope.EC2 ? instanceGroup(state) : credential(state);
    }

    private static Optional<Verdict> credential(ActorState s) {
        if (s.signals.stream().noneMatch(SequenceRules::anchor)) {
            return Optional.empty();
        }
        Set<String> infrastructure = new HashSet<>();
        s.signals.stream().filter(SequenceRules::anchor).forEach(a -> infrastructure.addAll(a.endpoints));
        List<ActorState.Agg> chain = s.signals.stream().filter(a -> "FINDING".equals(a.source)
                || a.endpoints.stream().anyMatch(infrastructure::contains)).toList();
        long reads = chain.stream().filter(a -> "GetObject".equals(a.name)).mapToLong(a -> a.count).sum();
        List<ActorState.Agg> steps = chain.stream().filter(a -> !"GetObject".equals(a.name) || reads >= S3_READ_BURST)
                .toList();
        List<String> tactics = tactics(steps);
        // the steps that follow the suspicious use are the other signals: an anchor's own tactic is not a further step
        Set<String> followOn = new LinkedHashSet<>(tactics(steps.stream().filter(a -> !anchor(a)).toList()));
        followOn.remove("Initial Access");
        if (followOn.size() < 2 || followOn.stream().noneMatch(STRONG::contains)) {
            return Optional.empty();
        }
        boolean s3 = steps.stream().anyMatch(a -> a.s3Data);
        boolean destructive = followOn.contains("Impact") || followOn.contains("Exfiltration");
        double severity = 9.0 + 0.2 * (followOn.size() - 2) + (destructive ? 0.3 : 0) + (s3 ? 0.2 : 0);
        return Optional.of(verdict(s3 ? S3 : IAM, severity, tactics, chain));
    }

    /**
     * A finding about the credential of at least Medium that is not a configuration ({@code Policy}) finding; an
     * anomaly only when the credential came from a network or with a tool it never used ({@code UNUSUAL_ASN_FOR_USER},
     * {@code SUSPICIOUS_USER_AGENT}): an administrator calling an API for the first time from the office is a
     * step, not a stolen credential.
     */
    private static boolean anchor(ActorState.Agg a) {
        if (!"FINDING".equals(a.source) || a.severity == null || a.severity < ANCHOR_SEVERITY
                || a.name.startsWith("Policy:")) {
            return false;
        }
        return !a.name.contains("AnomalousBehavior") || a.indicators.containsKey("UNUSUAL_ASN_FOR_USER")
                || a.indicators.containsKey("SUSPICIOUS_USER_AGENT");
    }

    private static Verdict verdict(String type, double severity, List<String> tactics, List<ActorState.Agg> chain) {
        Set<String> uids = new LinkedHashSet<>();
        long events = 0;
        for (ActorState.Agg a : chain) {
            uids.add(a.uid);
            events += a.count;
        }
        return new Verdict(type, round(severity), tactics, uids, events);
    }

    private static Optional<Verdict> instanceGroup(ActorState s) {
        List<ActorState.Agg> compromise = s.signals.stream()
                .filter(a -> "FINDING".equals(a.source) && a.severity != null && a.severity >= ANCHOR_SEVERITY).toList();
        Set<String> instances = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        for (ActorState.Agg a : compromise) {
            a.resources.forEach(r -> instances.add(r.uid()));
            types.add(a.name);
        }
        if (instances.size() < 2) {
            return Optional.empty();
        }
        double severity = 9.0 + 0.3 * (instances.size() - 2) + 0.2 * (types.size() - 1);
        return Optional.of(verdict(EC2, severity, tactics(compromise), compromise));
    }

    /** Distinct tactics ordered by when first seen, ties in kill-chain order. */
    static List<String> tactics(List<ActorState.Agg> signals) {
        return signals.stream().filter(a -> a.tactic != null)
                .sorted(Comparator.<ActorState.Agg>comparingLong(a -> a.firstMs).thenComparingInt(a -> Tactics.rank(a.tactic)))
                .map(a -> a.tactic).distinct().toList();
    }

    private static double round(double severity) {
        return Math.min(10.0, Math.round(severity * 10) / 10.0);
    }
}
