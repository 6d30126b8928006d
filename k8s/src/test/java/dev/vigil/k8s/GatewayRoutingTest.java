package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routes of HTTPRoute {@code vigil-api} (base/gateway/httproute.yaml), evaluated with Gateway API semantics
 * (PathPrefix matches whole path elements; RegularExpression matches the whole path, as Envoy's RE2 does):
 * every path of the GuardDuty API model reaches exactly one backend, the expected one, bare and under a region
 * prefix; tag paths reach the service that owns the ARN's resource, whatever the ARN's encoding. Real: the committed route and {@code ../shared/reference/guardduty-2017-11-28.service-2.json}.
 */
class GatewayRoutingTest {

    private static final Set<String> FINDINGS_SUBRESOURCES = Set.of("findings", "filter", "publishingDestination");
    private static final List<String> REGIONS = List.of("", "/us-east-1", "/eu-west-1", "/ap-southeast-2",
            "/us-gov-west-1");

    /** One match of a rule: type, value, and the rule's backend. */
    record Match(String type, String value, String backend) {
        boolean matches(String path) {
            return switch (type) {
                case "PathPrefix" -> path.equals(value) || path.startsWith(value.endsWith("/") ? value : value + "/");
                case "Exact" -> path.equals(value);
                case "RegularExpression" -> Pattern.compile(value).matcher(path).matches();
                default -> throw new IllegalArgumentException("unsupported match type " + type);
            };
        }
    }

    private static List<Match> matches;

    @BeforeAll
    static void loadRoute() throws IOException {
        JsonNode route = Manifests.find(Yaml.readAll(Files.readString(Manifests.ROOT.resolve("base/gateway/httproute.yaml"))),
                "HTTPRoute", "vigil-api");
        matches = new ArrayList<>();
        for (JsonNode rule : route.at("/spec/rules")) {
            assertThat(rule.path("backendRefs")).hasSize(1);
            String backend = rule.at("/backendRefs/0/name").asText();
            for (JsonNode m : rule.path("matches")) {
                matches.add(new Match(m.at("/path/type").asText(), m.at("/path/value").asText(), backend));
            }
        }
    }

    /** Backends whose matches accept {@code path} (a set: several matches of one rule count once). */
    static Set<String> backends(String path) {
        Set<String> b = new TreeSet<>();
        for (Match m : matches) {
            if (m.matches(path)) {
                b.add(m.backend());
            }
        }
        return b;
    }

    /** Matches accepting {@code path}, across rules of different backends. */
    static long matchingRules(String path) {
        return matches.stream().filter(m -> m.matches(path)).map(Match::backend).distinct().count();
    }

    /** The GuardDuty request URIs (path part), placeholders filled with plausible values. */
    static List<String> guardDutyPaths() throws IOException {
        Path samples = Path.of(System.getProperty("vigil.samples.dir", "../../shared/samples"));
        Path model = samples.getParent().resolve("reference/guardduty-2017-11-28.service-2.json");
        assumeTrue(Files.isRegularFile(model), "GuardDuty model not found at " + model);
        Set<String> paths = new TreeSet<>();
        for (JsonNode op : Yaml.JSON.readTree(model.toFile()).path("operations")) {
            String uri = op.at("/http/requestUri").asText();
            paths.add(uri.split("\\?")[0]
                    .replace("{DetectorId}", "12abc34d567e8fa901bc2d34e56789f0")
                    .replace("{ResourceArn}", "arn%3Aaws%3Aguardduty%3Aus-east-1%3A111111111111%3Adetector%2Fabc")
                    .replaceAll("\\{[A-Za-z]+}", "x-1"));
        }
        assertThat(paths).hasSizeGreaterThan(40);
        return new ArrayList<>(paths);
    }

    static String expectedBackend(String bare) {
        String[] seg = bare.split("/");
        if (seg.length > 3 && seg[1].equals("detector") && FINDINGS_SUBRESOURCES.contains(seg[3])) {
            return "findings-service";
        }
        if (bare.startsWith("/tags/") && typeOfTaggedResource(bare.substring("/tags/".length())).matches("[fp].*")) {
            return "findings-service";
        }
        return "accounts-service";
    }

    /**
     * The reference for tag paths, written as a scanner rather than a regular expression: the raw (still
     * percent-encoded) ARN after {@code /tags/}, from its second separator ('/' or %2F, either case) on; empty when it
     * has fewer than two. After a {@code %}: {@code 2F}/{@code 2f} is a separator, {@code 2} and any other character
     * are read with it, any other character is read with it (so {@code %/} is no separator). On a validly encoded ARN
     * that is percent-decoding; on a broken escape it is one fixed reading, as the expressions have.
     */
    static String typeOfTaggedResource(String rawArn) {
        int separators = 0;
        int i = 0;
        while (i < rawArn.length() && separators < 2) {
            char c = rawArn.charAt(i);
            if (c == '/') {
                separators++;
                i++;
            } else if (c == '%') {
                boolean two = i + 1 < rawArn.length() && rawArn.charAt(i + 1) == '2';
                String escape = rawArn.substring(i, Math.min(rawArn.length(), i + (two ? 3 : 2)));
                if (escape.equalsIgnoreCase("%2F")) {
                    separators++;
                }
                i += escape.length();
            } else {
                i++;
            }
        }
        return separators < 2 ? "" : rawArn.substring(i);
    }

    @Test
    void everyGuardDutyPathReachesExactlyOneExpectedBackendBareAndUnderARegion() throws IOException {
        for (String bare : guardDutyPaths()) {
            for (String region : REGIONS) {
                String path = region + bare;
                assertThat(backends(path)).as(path).containsExactly(expectedBackend(bare));
                assertThat(matchingRules(path)).as(path + " matched by one rule only").isEqualTo(1);
            }
        }
    }

    @Test
    void stsQueryProtocolPathsReachAccountsOnly() {
        // AWS_ENDPOINT_URL_STS=https://<api host>/sts
        assertThat(backends("/sts")).containsExactly("accounts-service");
        assertThat(backends("/sts/x")).isEmpty();
        assertThat(backends("/stsx")).isEmpty();
        // AWS_ENDPOINT_URL_IAM=https://<api host>/iam (long-lived access keys)
        assertThat(backends("/iam")).containsExactly("accounts-service");
        assertThat(backends("/iam/x")).isEmpty();
    }

    @Test
    void findingsPathsAreTheFindingsFilterAndPublishingDestinationSubresources() {
        assertThat(backends("/detector/d1/findings/get")).containsExactly("findings-service");
        assertThat(backends("/eu-west-1/detector/d1/filter/my-filter")).containsExactly("findings-service");
        assertThat(backends("/detector/d1/publishingDestination")).containsExactly("findings-service");
        assertThat(backends("/detector/d1/ipset")).containsExactly("accounts-service");
        // log sources (Vigil's extension, issue 15) are accounts-service's
        assertThat(backends("/detector/d1/logsource")).containsExactly("accounts-service");
        assertThat(backends("/eu-west-1/detector/d1/logsource/ls-1")).containsExactly("accounts-service");
        assertThat(backends("/detector/d1")).containsExactly("accounts-service");
        assertThat(backends("/detector")).containsExactly("accounts-service");
        assertThat(backends("/invitation/count")).containsExactly("accounts-service");
        assertThat(backends("/us-east-1/usage/statistics")).containsExactly("accounts-service");
        // A subresource name is a whole path element: look-alikes are not routed to findings.
        assertThat(backends("/detector/d1/findingsx")).isEmpty();
    }

    @Test
    void tagPathsReachTheServiceThatOwnsTheResourceEncodedOrNot() {
        String det = "arn:aws:guardduty:us-east-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0";
        String id = "0123456789abcdef0123456789abcdef";
        Map<String, String> owners = Map.of("", "accounts-service", "/filter/my-filter", "findings-service",
                "/publishingDestination/" + id, "findings-service", "/ipset/" + id, "accounts-service",
                "/threatintelset/" + id, "accounts-service", "/threatentityset/" + id, "accounts-service",
                "/trustedentityset/" + id, "accounts-service");
        owners.forEach((suffix, backend) -> {
            String arn = det + suffix;
            String upper = URLEncoder.encode(arn, StandardCharsets.UTF_8); // the AWS CLI, boto3, the Java SDK
            for (String path : List.of(upper, upper.replace("%2F", "%2f").replace("%3A", "%3a"), arn,
                    arn.replace(":", "%3A"), upper.replaceFirst("%2F", "/"))) {
                for (String region : REGIONS) {
                    assertThat(backends(region + "/tags/" + path)).as(region + "/tags/" + path).containsExactly(backend);
                }
            }
        });
        assertThat(backends("/tags")).containsExactly("accounts-service");
        assertThat(backends("/tags/")).containsExactly("accounts-service");
        assertThat(backends("/tagsx/a")).isEmpty();
        // %66 is an encoded 'f': not a filter by its raw shape, so accounts-service answers it (as a resource it
        // does not have); no client encodes letters
        assertThat(backends("/tags/arn%3Aaws%3Aguardduty%3Aus-east-1%3A1%3Adetector%2Fd%2F%66ilter%2Fx"))
                .containsExactly("accounts-service");
    }

    /**
     * Generated raw tag paths (separators, escapes whole and broken, letters, the resource type names), bare and
     * under a region: each reaches exactly one backend, the one the scanner {@link #typeOfTaggedResource} names.
     */
    @Test
    void theTwoTagExpressionsPartitionEveryTagPath() {
        List<String> tokens = List.of("/", "%2F", "%2f", "%3A", "%", "%2", "%2%", "%%2F", "%/", "%2/", "%25", "f", "p",
                "filter", "publishingDestination", "ipset", "threatintelset", "a", ":", "-", "%66", "F", "P", ".");
        Random random = new Random(25);
        int checked = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder arn = new StringBuilder();
            int length = random.nextInt(9);
            for (int k = 0; k < length; k++) {
                arn.append(tokens.get(random.nextInt(tokens.size())));
            }
            String bare = "/tags/" + arn;
            for (String region : List.of("", "/eu-west-1")) {
                String path = region + bare;
                assertThat(backends(path)).as(path).containsExactly(expectedBackend(bare));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(40_000);
    }

    @Test
    void ingestGoesToIngestAndManagementEndpointsAreNotPublic() {
        assertThat(backends("/ingest/v1/flow-logs")).containsExactly("ingest-service");
        assertThat(backends("/ingest")).containsExactly("ingest-service");
        assertThat(backends("/ingestion")).isEmpty();
        assertThat(backends("/q/health/live")).isEmpty();
        assertThat(backends("/q/metrics")).isEmpty();
        assertThat(backends("/us-east-1/q/metrics")).isEmpty();
    }
}
