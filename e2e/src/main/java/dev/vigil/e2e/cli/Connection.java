package dev.vigil.e2e.cli;

import dev.vigil.e2e.client.ApiClient;
import dev.vigil.e2e.client.TokenSource;
import java.net.http.HttpClient;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the stack runs (each option also read from an environment variable) and one shared HTTP client.
 * Defaults are the local stack's ports (ARCHITECTURE.md "Ports").
 */
public final class Connection {
    @Option(names = "--keycloak-url", defaultValue = "${env:VIGIL_KEYCLOAK_URL:-http://127.0.0.1:8180}",
        description = "Keycloak base URL (env VIGIL_KEYCLOAK_URL, default ${DEFAULT-VALUE})")
    String keycloakUrl;

    @Option(names = "--realm", defaultValue = "${env:VIGIL_REALM:-vigil}",
        description = "Keycloak realm (env VIGIL_REALM, default ${DEFAULT-VALUE})")
    String realm;

    @Option(names = "--cli-client", defaultValue = "${env:VIGIL_CLI_CLIENT:-vigil-cli}",
        description = "public client for the password grant (env VIGIL_CLI_CLIENT, default ${DEFAULT-VALUE})")
    String cliClient;

    @Option(names = "--ingest-url", defaultValue = "${env:VIGIL_INGEST_URL:-http://127.0.0.1:8081}",
        description = "ingest-service URL (env VIGIL_INGEST_URL, default ${DEFAULT-VALUE})")
    String ingestUrl;

    @Option(names = "--findings-url", defaultValue = "${env:VIGIL_FINDINGS_URL:-http://127.0.0.1:8083}",
        description = "findings-service URL (env VIGIL_FINDINGS_URL, default ${DEFAULT-VALUE})")
    String findingsUrl;

    @Option(names = "--accounts-url", defaultValue = "${env:VIGIL_ACCOUNTS_URL:-http://127.0.0.1:8084}",
        description = "accounts-service URL (env VIGIL_ACCOUNTS_URL, default ${DEFAULT-VALUE})")
    String accountsUrl;

    private HttpClient http;

    /** The shared HTTP client (HTTP/1.1, 10 s connect timeout). */
    public synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    /** A token source for a demo or real user. */
    public TokenSource user(String user, String password) {
        return TokenSource.password(http(), keycloakUrl, realm, cliClient, user, password);
    }

    /** A token source for a confidential client. */
    public TokenSource client(String clientId, String secret) {
        return TokenSource.clientCredentials(http(), keycloakUrl, realm, clientId, secret);
    }

    public ApiClient ingest(TokenSource t) {
        return new ApiClient(http(), ingestUrl, t);
    }

    public ApiClient findings(TokenSource t) {
        return new ApiClient(http(), findingsUrl, t);
    }

    public ApiClient accounts(TokenSource t) {
        return new ApiClient(http(), accountsUrl, t);
    }
}
