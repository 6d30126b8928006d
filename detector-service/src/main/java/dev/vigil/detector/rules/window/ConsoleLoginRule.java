package dev.vigil.detector.rules.window;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.CloudTrailSignatures;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.Json;
import inet.ipaddr.IPAddress;
import java.util.Map;
import java.util.Optional;

/**
 * UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B (Medium): successful console logins of one principal from
 * {@code detector.rules.console-login.min-networks} distinct networks ({@link Net#network}) within the window.
 * Addresses on the tenant's trusted lists are left out.
 */
public final class ConsoleLoginRule extends BaseRule<CloudTrailRecord> {

    static final String TYPE = "UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B";
    private final RulesConfig.ConsoleLogin config;

    /** The rule with {@code config}. */
    public ConsoleLoginRule(RulesConfig.ConsoleLogin config) {
        super(Rule.CONSOLELOGIN, config.window());
        this.config = config;
    }

    @Override
    public Optional<Observation> observe(CloudTrailRecord ct, Tenant t) {
        if (!"ConsoleLogin".equals(ct.eventName()) || !CloudTrailSignatures.succeeded(ct)) {
            return Optional.empty();
        }
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        if (ip == null || t.lists().trusted().contains(ip)) {
            return Optional.empty();
        }
        return Optional.of(new Observation(rule(), t.accountId(), t.region(), t.detectorId(),
                WindowKey.of(ct.principalId()), Net.network(ip), 0, 0, ct.eventTimeMillis(),
                () -> Json.write(Blocks.accessKey(ct)), () -> Json.write(Blocks.apiCall(ct, Map.of())),
                Blocks.userName(ct)));
    }

    @Override
    public boolean crossed(WindowAgg a) {
        return a.distinct >= config.minNetworks();
    }

    @Override
    public Optional<Hit> evaluate(WindowAgg a, long windowStart) {
        if (!crossed(a)) {
            return Optional.empty();
        }
        String d = "Multiple worldwide successful console logins were observed for " + a.detail + " from "
                + a.distinct + " networks: " + String.join(", ", a.elements) + ".";
        return WindowHits.hit(a, windowStart, TYPE, Severities.of(TYPE), d, WindowHits.action(a), Blocks.TARGET);
    }
}
