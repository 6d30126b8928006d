package dev.vigil.detector.lag;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code detector-consumer-lag}: each log topic's latest lag ({@code <topic>.lag}, records) and how
 * long it has been growing ({@code <topic>.growingForSeconds}), and a {@code warning} naming the topics whose lag has
 * grown for longer than {@code detector.lag.warn-after}. It stays UP while lagging: a lagging detector must keep
 * consuming (taking it out of service would not help), so the warning is for operators and alerts
 * ({@code vigil_detector_consumer_lag_growing_seconds}), not for the orchestrator.
 */
@Readiness
@ApplicationScoped
public class LagHealthCheck implements HealthCheck {

    private final ConsumerLagMonitor monitor;

    public LagHealthCheck(ConsumerLagMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("detector-consumer-lag").up();
        long now = monitor.nowMs();
        StringBuilder warning = new StringBuilder();
        for (Map.Entry<String, LagTrend.Sample> e : monitor.samples().entrySet()) {
            long growing = e.getValue().growingForMs(now);
            b.withData(e.getKey() + ".lag", e.getValue().lag());
            b.withData(e.getKey() + ".growingForSeconds", growing / 1000);
            if (growing > monitor.warnAfterMs()) {
                warning.append(warning.isEmpty() ? "" : "; ").append(e.getKey()).append(" lag has grown for ")
                        .append(growing / 1000).append(" s (").append(e.getValue().lag()).append(" records)");
            }
        }
        if (!warning.isEmpty()) {
            b.withData("warning", warning.toString());
        }
        return b.build();
    }
}
