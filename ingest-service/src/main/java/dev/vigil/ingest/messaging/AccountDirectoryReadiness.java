package dev.vigil.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@code account-directory}: DOWN until the {@link AccountDirectory} has read the account-state topic up to
 * its end as of start-up, so that neither Kubernetes nor {@code ./vigil up} sends records to a replica that would judge
 * them by an empty directory; data {@code accounts}: accounts known.
 */
@Readiness
@ApplicationScoped
public class AccountDirectoryReadiness implements HealthCheck {

    private final AccountDirectory directory;

    /** Creates the check. */
    public AccountDirectoryReadiness(AccountDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("account-directory").status(directory.caughtUp())
                .withData("accounts", directory.size()).build();
    }
}
