package dev.vigil.detector.rules.window;

import com.google.common.net.InternetDomainName;
import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.detector.threatintel.DomainMatcher;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Trojan:EC2/DNSDataExfiltration (High): queries with a long, high-entropy label (possible encoded data) under one
 * registered domain, {@code detector.rules.dns-exfiltration.min-queries} distinct ones within the window.
 */
public final class DnsExfiltrationRule extends BaseRule<DnsLogRecord> {

    static final String TYPE = "Trojan:EC2/DNSDataExfiltration";
    private final RulesConfig.DnsExfiltration config;

    /** The rule with {@code config}. */
    public DnsExfiltrationRule(RulesConfig.DnsExfiltration config) {
        super(Rule.DNSEXFIL, config.window());
        this.config = config;
    }

    @Override
    public Optional<Observation> observe(DnsLogRecord d, Tenant t) {
        String q = DomainMatcher.normalise(d.queryName());
        if (q == null) {
            return Optional.empty();
        }
        String[] labels = q.split("\\.");
        boolean suspicious = false;
        for (int i = 0; i < labels.length - 2 && !suspicious; i++) {
            suspicious = labels[i].length() >= config.minLabelLength() && entropy(labels[i]) >= config.minEntropy();
        }
        if (!suspicious) {
            return Optional.empty();
        }
        String domain = registeredDomain(q);
        String resource = d.instanceId() != null ? d.instanceId() : d.srcaddr();
        return Optional.of(new Observation(rule(), t.accountId(), t.region(), t.detectorId(),
                WindowKey.of(resource, domain), q, 0, 0, d.eventTimeMillis(),
                () -> Json.write(Blocks.instance(d.instanceId(), null, d.srcaddr(), d.vpcId(), null)),
                () -> Json.write(Blocks.dnsRequest(domain, d.transport(), false)), null));
    }

    @Override
    public boolean crossed(WindowAgg a) {
        return a.distinct >= config.minQueries();
    }

    @Override
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        if (!crossed(a)) {
            return Optional.empty();
        }
        String d = "EC2 instance " + a.key.resource() + " is attempting to query domain names that resemble "
                + "exfiltrated data under " + a.key.peer() + " (" + a.distinct + " encoded queries).";
        return WindowHits.hit(a, windowStart, TYPE, Severities.of(TYPE), d, WindowHits.action(a), Blocks.ACTOR);
    }

    /** Shannon entropy of {@code s} in bits per character. */
    static double entropy(String s) {
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : s.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double h = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    /** The registered domain of a name (public suffix list via Guava), else its last two labels. */
    static String registeredDomain(String name) {
        try {
            InternetDomainName d = InternetDomainName.from(name);
            if (d.isUnderPublicSuffix()) {
                return d.topPrivateDomain().toString();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // not a valid domain for Guava (for example a label longer than 63): fall back below
        }
        String[] labels = name.split("\\.");
        return labels.length <= 2 ? name : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
