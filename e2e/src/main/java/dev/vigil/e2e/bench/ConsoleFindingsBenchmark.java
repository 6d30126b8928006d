package dev.vigil.e2e.bench;

import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.LocalStack;
import dev.vigil.e2e.cli.Connection;
import dev.vigil.e2e.client.ApiClient;
import dev.vigil.e2e.client.GuardDutyApi;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time of the console's Findings page ({@code GET /findings}: one ListFindings and one GetFindings through the
 * gateway, then the Qute rendering of 25 rows) on a running stack, signed in as {@code admin-111} through Keycloak
 * ({@link ConsoleSession}). Run by {@code console-service/bench/findings-1m.sh}, which first loads 1,000,000 findings
 * of account 111111111111 with findings-service's {@code ListFindingsBench} and starts the stack on that database.
 *
 * <p>Per shape, {@code warmup} untimed requests then {@code requests} timed ones, one after the other from one client
 * on loopback: the time from sending the request to the last byte of the page (the server's time plus the loopback
 * transfer of ~40 KB), printed as p50/p95/p99/max in ms with the rows per page. Every answer must be a 200 with at
 * least one row, or the run fails. Shapes: the first page (current findings, last updated first), a severity band,
 * a finding type over the last 7 days, sorted by severity, and page 2 through the page's {@code nextToken} link; then,
 * for comparison, the first page's two API calls alone (ListFindings + GetFindings through the gateway with
 * admin-111's bearer token).
 *
 * <p>Arguments: {@code [requests] [warmup]} (defaults 1000, 100). The stack's ports from the environment
 * ({@link LocalStack}); the demo password from {@code VIGIL_DEMO_PASSWORD}.
 */
public final class ConsoleFindingsBenchmark {

    private static final Pattern ROW = Pattern.compile("<tr class=\"finding-row\">");
    private static final Pattern NEXT = Pattern.compile("<a href=\"(/findings\\?[^\"]+)\" id=\"next-page\"");

    private ConsoleFindingsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Connection conn = picocli.CommandLine.populateCommand(new Connection()); // its options at their defaults
        var admin = conn.user(DemoIdentities.ADMIN_111, DemoIdentities.password());
        // the detector findings-service scopes ListFindings by: the stack's, published by accounts-service
        String detector = new GuardDutyApi(conn.accounts(admin), conn.findings(admin)).ensureDetector();
        ApiClient api = new ApiClient(conn.http(), LocalStack.url("gateway"), admin);
        ConsoleSession console = signIn();
        String first = awaitRows(console, "/findings");
        Matcher next = NEXT.matcher(first);
        if (!next.find()) {
            throw new IllegalStateException("the first page has no next-page link");
        }
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("first page (current, last updated first)", "/findings");
        shapes.put("severity High", "/findings?severity=high");
        shapes.put("type SSHBruteForce, last 7 days", "/findings?type=UnauthorizedAccess:EC2/SSHBruteForce&since=7d");
        shapes.put("sorted by severity", "/findings?sort=severity&order=DESC");
        shapes.put("page 2 (nextToken)", next.group(1).replace("&amp;", "&"));
        System.out.printf("%d timed requests per shape after %d warm-up requests, one client, signed in as %s; load"
                + " average before: %s%n%n", requests, warmup, DemoIdentities.ADMIN_111, loadAverage());
        System.out.println("| shape | rows per page | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, String> s : shapes.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                page(console, s.getValue());
            }
            List<Long> micros = new ArrayList<>();
            long rows = 0;
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                String html = page(console, s.getValue());
                micros.add((System.nanoTime() - t0) / 1000);
                rows += ROW.matcher(html).results().count();
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %s |%n", s.getKey(), (double) rows / requests,
                    ms(micros, 50), ms(micros, 95), ms(micros, 99), ms(micros, 100));
        }
        // the same two API calls as the first page, without the console: what the page adds is the rest
        Map<String, Object> list = Map.of("findingCriteria", Map.of("criterion", Map.of("service.archived",
                Map.of("eq", List.of("false")))), "sortCriteria", Map.of("attributeName", "updatedAt", "orderBy", "DESC"),
                "maxResults", 25);
        List<Long> micros = new ArrayList<>();
        for (int i = -warmup; i < requests; i++) {
            long t0 = System.nanoTime();
            List<String> ids = new ArrayList<>();
            api.post("/detector/" + detector + "/findings", list).path("findingIds").forEach(n -> ids.add(n.asText()));
            int got = api.post("/detector/" + detector + "/findings/get", Map.of("findingIds", ids)).path("findings").size();
            if (got != 25) {
                throw new IllegalStateException("GetFindings answered " + got + " findings, not 25");
            }
            if (i >= 0) {
                micros.add((System.nanoTime() - t0) / 1000);
            }
        }
        System.out.printf(Locale.ROOT, "| API only: the first page's ListFindings + GetFindings through the gateway | 25 |"
                + " %s | %s | %s | %s |%n", ms(micros, 50), ms(micros, 95), ms(micros, 99), ms(micros, 100));
        System.out.printf("%nload average after: %s%n", loadAverage());
    }

    /** The first three fields of {@code /proc/loadavg}, or "unknown" off Linux. */
    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** admin-111's console session; up to 3 attempts (a loaded Keycloak has shown its login form again once). */
    private static ConsoleSession signIn() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return ConsoleSession.signIn(LocalStack.url("console"), DemoIdentities.ADMIN_111, DemoIdentities.password());
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("sign-in attempt " + attempt + " failed: " + e.getMessage());
            }
        }
    }

    /** The page at {@code path}; fails unless it is a 200 with at least one finding row. */
    private static String page(ConsoleSession console, String path) throws Exception {
        HttpResponse<String> r = console.get(path);
        if (r.statusCode() != 200 || !ROW.matcher(r.body()).find()) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + " without finding rows");
        }
        return r.body();
    }

    /** The page at {@code path} once it lists findings (findings-service applies the detector within seconds). */
    private static String awaitRows(ConsoleSession console, String path) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            HttpResponse<String> r = console.get(path);
            if (r.statusCode() == 200 && ROW.matcher(r.body()).find()) {
                return r.body();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("GET " + path + " lists no findings after 60 s (" + r.statusCode() + ")");
            }
            Thread.sleep(1000);
        }
    }

    private static String ms(List<Long> micros, double p) {
        return String.format(Locale.ROOT, "%.1f", LatencyBenchmark.percentile(micros, p) / 1000.0);
    }
}
