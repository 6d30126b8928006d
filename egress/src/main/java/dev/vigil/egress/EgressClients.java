package dev.vigil.egress;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one {@link GuardedHttpClient} of a service, for every connection to a URL a tenant gave, configured by the
 * operator:
 * <ul>
 *   <li>{@code vigil.egress.guard} (default {@code true}): false turns the guard off (tests, a single-user set-up);</li>
 *   <li>{@code vigil.egress.allow-cidrs} (default none): blocks or addresses allowed although special, e.g. an
 *       internal list server {@code 10.20.0.5/32};</li>
 *   <li>{@code vigil.egress.connect-timeout} (default 5s): per connection and per read.</li>
 * </ul>
 */
@Singleton
public class EgressClients {

    /** The service's guarded client. */
    @Produces
    @Singleton
    public GuardedHttpClient client(@ConfigProperty(name = "vigil.egress.guard", defaultValue = "true") boolean guard,
            @ConfigProperty(name = "vigil.egress.allow-cidrs") Optional<List<String>> allowCidrs,
            @ConfigProperty(name = "vigil.egress.connect-timeout", defaultValue = "5s") Duration connectTimeout) {
        return new GuardedHttpClient(new EgressGuard(guard, allowCidrs.orElse(List.of())), connectTimeout);
    }

    void close(@Disposes GuardedHttpClient client) throws IOException {
        client.close();
    }
}
