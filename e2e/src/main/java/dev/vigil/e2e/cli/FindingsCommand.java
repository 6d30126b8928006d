package dev.vigil.e2e.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.check.FindingView;
import dev.vigil.e2e.client.GuardDutyApi;
import dev.vigil.e2e.client.TokenSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil findings}: the signed-in tenant's findings (an administrator's include its members'), via
 * ListDetectors, ListFindings and GetFindings. Exit code 1 if the tenant has no detector or a call failed.
 */
@Command(name = "findings", mixinStandardHelpOptions = true,
    description = "Print the signed-in tenant's findings (administrators see their members' too).")
public final class FindingsCommand implements Callable<Integer> {
    @Mixin
    Connection conn;

    @Option(names = "--user", defaultValue = DemoIdentities.ADMIN_111, description = "user to sign in as (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", defaultValue = DemoIdentities.PASSWORD_OPTION,
        description = "password (env " + DemoIdentities.PASSWORD_ENV + ", default " + DemoIdentities.DEFAULT_PASSWORD + ")")
    String password;

    @Option(names = "--type", split = ",", description = "only these finding types (comma-separated or repeated)")
    List<String> types = new ArrayList<>();

    @Option(names = "--min-severity", description = "minimum severity: a score (e.g. 7) or a level (low, medium, high, critical)")
    String minSeverity;

    @Option(names = "--account", description = "only findings of this account ID")
    String account;

    @Option(names = "--archived", description = "show archived findings instead of current ones")
    boolean archived;

    @Option(names = "--json", description = "print the findings as a JSON array (GuardDuty's Finding shape)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TokenSource tokens = conn.user(user, password);
        GuardDutyApi api = new GuardDutyApi(conn.accounts(tokens), conn.findings(tokens));
        String detectorId = api.detectorId();
        if (detectorId == null) {
            System.err.println("vigil findings: " + user + "'s account has no detector (run ./vigil demo or CreateDetector)");
            return 1;
        }
        FindingView.Filter filter = new FindingView.Filter(Set.copyOf(types),
            minSeverity == null ? null : FindingView.parseSeverity(minSeverity), account, archived);
        List<JsonNode> matching = new ArrayList<>();
        List<FindingView> views = new ArrayList<>();
        for (JsonNode f : api.findings(detectorId, archived)) {
            FindingView v = FindingView.of(f);
            if (filter.test(v)) {
                matching.add(f);
                views.add(v);
            }
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(matching));
        } else {
            System.out.print(FindingView.table(views).render());
            System.out.println(views.size() + " finding(s)" + (archived ? " (archived)" : ""));
        }
        return 0;
    }
}
