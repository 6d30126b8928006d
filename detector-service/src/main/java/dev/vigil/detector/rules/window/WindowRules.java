package dev.vigil.detector.rules.window;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The windowed detections, one {@link WindowedRule} per {@link Rule}: each record yields {@link Observation}s, the
 * topology aggregates them per key in event-time tumbling windows, and {@link #evaluate} turns a window into at most
 * one {@link Hit}. Types, severities and roles from the GuardDuty user guide ("EC2 finding types", "IAM finding
 * types"); thresholds in {@link RulesConfig}.
 */
public final class WindowRules {

    private final List<WindowedRule<FlowView>> flowRules;
    private final DnsExfiltrationRule dnsRule;
    private final ConsoleLoginRule loginRule;
    private final Map<Rule, WindowedRule<?>> byRule = new EnumMap<>(Rule.class);

    /** The windowed rules with the thresholds of {@code config}. */
    public WindowRules(RulesConfig config) {
        this.flowRules = List.of(new PortScanRule(config.portscan()), new PortSweepRule(config.portSweep()),
                new PortProbeRule(config.portProbe()), new BruteForceRule(config.bruteForce()),
                new DenialOfServiceRule(config.denialOfService()));
        this.dnsRule = new DnsExfiltrationRule(config.dnsExfiltration());
        this.loginRule = new ConsoleLoginRule(config.consoleLogin());
        flowRules.forEach(r -> byRule.put(r.rule(), r));
        byRule.put(dnsRule.rule(), dnsRule);
        byRule.put(loginRule.rule(), loginRule);
    }

    /** The window size of a rule. */
    public Duration window(Rule rule) {
        return byRule.get(rule).window();
    }

    /** Observations of one flow record. Trusted remote addresses are left out. */
    public List<Observation> flow(FlowLogRecord f, Tenant t) {
        List<Observation> out = new ArrayList<>(2);
        FlowView v = FlowView.of(f);
        if (v == null || t.lists().trusted().contains(v.remote()) || v.resourceId() == null) {
            return out;
        }
        for (WindowedRule<FlowView> r : flowRules) {
            r.observe(v, t).ifPresent(out::add);
        }
        return out;
    }

    /** Observations of one DNS record. */
    public List<Observation> dns(DnsLogRecord d, Tenant t) {
        return dnsRule.observe(d, t).map(List::of).orElse(List.of());
    }

    /** Observations of one CloudTrail record. */
    public List<Observation> cloudTrail(CloudTrailRecord ct, Tenant t) {
        return loginRule.observe(ct, t).map(List::of).orElse(List.of());
    }

    /** Whether a window's counts reach its rule's threshold. */
    public boolean crossed(WindowAgg a) {
        return byRule.get(a.rule).crossed(a);
    }

    /** The finding of a window, if its counts reach its rule's threshold. */
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        return byRule.get(a.rule).evaluate(a, windowStart);
    }
}
