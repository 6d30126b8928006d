package dev.vigil.e2e.cli;

import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.client.TokenSource;
import dev.vigil.e2e.ingest.Ingester;
import dev.vigil.e2e.ingest.LogType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil ingest <files|dirs...>}: posts log files through the ingest API. Exit code 1 if any request failed
 * (per-line rejections do not count), 2 on a usage error.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Post VPC flow log, Route 53 Resolver and CloudTrail files (plain or gzip; directories are "
        + "walked) through the ingest API, then print accepted/rejected/skipped per file.")
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    Connection conn;

    @Mixin
    Credentials credentials;

    @Option(names = "--type", description = "force the log type for every file: ${COMPLETION-CANDIDATES} "
        + "(default: detect from content, then name)")
    LogType type;

    @Option(names = "--as-account",
        description = "replace every 12-digit account ID in the files with this account (replay public samples)")
    String asAccount;

    @Option(names = "--region", defaultValue = "us-east-1",
        description = "region for flow log files whose name carries none (default ${DEFAULT-VALUE})")
    String region;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "log files or directories")
    List<Path> files;

    /** Who signs in: a user (password grant) or a confidential client (client credentials). */
    public static final class Credentials {
        @Option(names = "--user", description = "user (default ingest-111 unless --client is given)")
        String user;

        @Option(names = "--password", defaultValue = DemoIdentities.PASSWORD_OPTION,
            description = "the user's password (env " + DemoIdentities.PASSWORD_ENV + ", default "
                + DemoIdentities.DEFAULT_PASSWORD + ")")
        String password;

        @Option(names = "--client", description = "confidential client id, e.g. vigil-collector (submits for any account)")
        String client;

        @Option(names = "--secret", defaultValue = DemoIdentities.COLLECTOR_SECRET_OPTION,
            description = "the client's secret (env " + DemoIdentities.COLLECTOR_SECRET_ENV + ")")
        String secret;

        TokenSource tokens(Connection conn) {
            if (client != null) {
                return conn.client(client, secret);
            }
            return conn.user(user != null ? user : DemoIdentities.INGEST_111, password);
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Path> all = Ingester.expand(files);
        TokenSource tokens = credentials.tokens(conn);
        tokens.token();
        Ingester ingester = new Ingester(conn.ingest(tokens), region, type, asAccount);
        List<Ingester.FileResult> results = ingester.ingestAll(all,
            new Ingester.Progress(System.err, System.console() != null, all));
        System.out.print(Ingester.summary(results, null).render());
        long failed = results.stream().filter(Ingester.FileResult::failed).count();
        if (failed > 0) {
            System.err.println(failed + " of " + results.size() + " requests failed");
            return 1;
        }
        return 0;
    }
}
