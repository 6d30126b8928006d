package dev.vigil.e2e.cli;

import dev.vigil.e2e.LocalStack;
import dev.vigil.e2e.client.ApiClient;
import dev.vigil.e2e.client.TokenSource;
import java.net.http.HttpClient;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the stack runs and one shared HTTP client. By default the local stack of {@code ./vigil}, on the ports its
 * environment variables name ({@link LocalStack}: {@code VIGIL_KEYCLOAK_PORT}, {@code VIGIL_INGEST_PORT}, ...);
 * the URL options point the CLI at another deployment.
 */
public final class Connection {
    @Option(names = "--keycloak-url",
        description = "Keycloak base URL (default http://127.0.0.1:$VIGIL_KEYCLOAK_PORT, port 8180 when unset)")
    String keycloakUrl;

    @Option(names = "--realm", defaultValue = "${env:VIGIL_REALM:-vigil}",
        description = "Keycloak realm (env VIGIL_REALM, default ${DEFAULT-VALUE})")
    String realm;

    @Option(names = "--cli-client", defaultValue = "${env:VIGIL_CLI_CLIENT:-vigil-cli}",
        description = "public client for the password grant (env VIGIL_CLI_CLIENT, default ${DEFAULT-VALUE})")
    String cliClient;

    @Option(names = "--ingest-url",
        description = "ingest-service URL (default http://127.0.0.1:$VIGIL_INGEST_PORT, port 8081 when unset)")
    String ingestUrl;

    @Option(names = "--findings-url",
        description = "findings-service URL (default http://127.0.0.1:$VIGIL_FINDINGS_PORT, port 8083 when unset)")
    String findingsUrl;

    @Option(names = "--accounts-url",
        description = "accounts-service URL (default http://127.0.0.1:$VIGIL_ACCOUNTS_PORT, port 8084 when unset)")
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
        return TokenSource.password(http(), or(keycloakUrl, "keycloak"), realm, cliClient, user, password);
    }

    /** A token source for a confidential client. */
    public TokenSource client(String clientId, String secret) {
        return TokenSource.clientCredentials(http(), or(keycloakUrl, "keycloak"), realm, clientId, secret);
    }

    /** ingest-service's base URL. */
    public String ingestUrl() {
        return or(ingestUrl, "ingest");
    }

    public ApiClient ingest(TokenSource t) {
        return new ApiClient(http(), or(ingestUrl, "ingest"), t);
    }

    public ApiClient findings(TokenSource t) {
        return new ApiClient(http(), or(findingsUrl, "findings"), t);
    }

    public ApiClient accounts(TokenSource t) {
        return new ApiClient(http(), or(accountsUrl, "accounts"), t);
    }

    private static String or(String url, String component) {
        return url != null ? url : LocalStack.url(component);
    }
}
