package dev.vigil.e2e.cli;

import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.client.TokenSource;
import picocli.CommandLine.Option;

/**
 * The identities of the load commands ({@code latency}, {@code soak}): {@code admin-111} reads findings and
 * creates its detector, the collector client posts the records.
 */
public final class LoadIdentities {
    @Option(names = "--password", defaultValue = DemoIdentities.PASSWORD_OPTION, description = "admin-111's password")
    String password;

    @Option(names = "--collector-secret", defaultValue = DemoIdentities.COLLECTOR_SECRET_OPTION,
        description = "the collector client's secret")
    String collectorSecret;

    /** admin-111's tokens. */
    TokenSource admin(Connection conn) {
        return conn.user(DemoIdentities.ADMIN_111, password);
    }

    /** The collector client's tokens. */
    TokenSource collector(Connection conn) {
        return conn.client(DemoIdentities.COLLECTOR, collectorSecret);
    }
}
