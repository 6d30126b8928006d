package dev.vigil.accounts.feeds;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The {@code threat-feeds} health group ({@code GET /q/health/group/threat-feeds}): DOWN while any feed's last
 * attempt failed or it has no good copy yet, with each feed's entries, last good time and error. A separate group, not
 * readiness: a stale feed must not take the API out of service, and the detectors keep its last good copy.
 */
@HealthGroup("threat-feeds")
@ApplicationScoped
public class ThreatFeedHealth implements HealthCheck {

    private final ThreatFeedRefresher refresher;

    public ThreatFeedHealth(ThreatFeedRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("threat-feeds").up();
        refresher.statuses().forEach((name, s) -> {
            if (!s.healthy()) {
                b.down();
            }
            b.withData(name, s.entries() + " entries, good at " + s.goodAt() + (s.error() == null ? "" : ", failing: " + s.error()));
        });
        return b.build();
    }
}
