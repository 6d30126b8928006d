package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.suite.AwsClientsIT.AWS;
import static dev.vigil.e2e.suite.AwsClientsIT.json;
import static dev.vigil.e2e.suite.AwsClientsIT.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.vigil.e2e.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local stack's one endpoint (HAProxy, {@code stack/gateway/haproxy.cfg}, port {@code VIGIL_GATEWAY_PORT}) and
 * the Kubernetes HTTPRoute {@code vigil-api} ({@code k8s/base/gateway/httproute.yaml}) route alike: every operation of
 * the GuardDuty model (its method and path, placeholders filled), bare and under region prefixes, plus STS, IAM and
 * ingest, reaches through the real gateway exactly the backend the HTTPRoute's rules (Gateway API semantics) name;
 * a path no rule matches is a 404 from neither service; tag paths of every resource type, the ARN encoded as the
 * AWS CLI sends it and plain, reach the backend the HTTPRoute names. Then the unmodified AWS CLI uses that one endpoint for
 * GuardDuty (accounts and findings operations) and STS.
 */
class GatewayRouteAgreementIT {

    private static final List<String> REGIONS = List.of("", "/us-east-1", "/eu-west-1", "/us-gov-west-1");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One match of an HTTPRoute rule and the rule's backend. */
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

    /** The matches of HTTPRoute vigil-api, read from the committed manifest. */
    static List<Match> route() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Match> matches = new ArrayList<>();
        try (YAMLParser p = new YAMLFactory().createParser(Path.of("../k8s/base/gateway/httproute.yaml").toFile())) {
            for (JsonNode doc : yaml.readValues(p, JsonNode.class).readAll()) {
                if (!doc.path("kind").asText().equals("HTTPRoute") || !doc.at("/metadata/name").asText().equals("vigil-api")) {
                    continue;
                }
                for (JsonNode rule : doc.at("/spec/rules")) {
                    String backend = rule.at("/backendRefs/0/name").asText();
                    for (JsonNode m : rule.path("matches")) {
                        matches.add(new Match(m.at("/path/type").asText(), m.at("/path/value").asText(), backend));
                    }
                }
            }
        }
        assertThat(matches).isNotEmpty();
        return matches;
    }

    /** Method and path of every operation of the GuardDuty model, placeholders filled. */
    static Map<String, String> modelRequests() throws IOException {
        Path model = Path.of(LocalStack.env(LocalStack.SAMPLES_ENV, "../../shared/samples")).getParent()
                .resolve("reference/guardduty-2017-11-28.service-2.json");
        assumeTrue(Files.isRegularFile(model), "GuardDuty model not found at " + model);
        Map<String, String> requests = new LinkedHashMap<>();
        for (JsonNode op : new ObjectMapper().readTree(model.toFile()).path("operations")) {
            String path = op.at("/http/requestUri").asText().split("\\?")[0]
                    .replace("{DetectorId}", "12abc34d567e8fa901bc2d34e56789f0")
                    .replace("{ResourceArn}", "arn%3Aaws%3Aguardduty%3Aus-east-1%3A111111111111%3Adetector%2Fabc")
                    .replaceAll("\\{[A-Za-z]+}", "x-1");
            requests.put(op.path("name").asText(), op.at("/http/method").asText() + " " + path);
        }
        assertThat(requests).hasSizeGreaterThan(40);
        return requests;
    }

    /**
     * Tag paths (TagResource, UntagResource, ListTagsForResource) of every taggable resource type, the ARN encoded as
     * the AWS CLI and SDKs send it (%3A, %2F), in lower-case hex, and plain. Which service owns which type is
     * GatewayRoutingTest's to check; here the gateway must agree with the HTTPRoute on each.
     */
    static List<String> tagPaths() {
        String arn = "arn:aws:guardduty:us-east-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0";
        List<String> out = new ArrayList<>();
        for (String type : List.of("", "filter", "publishingDestination", "ipset", "threatintelset", "threatentityset",
                "trustedentityset")) {
            String resource = type.isEmpty() ? arn : arn + "/" + type + "/0123456789abcdef0123456789abcdef";
            String encoded = URLEncoder.encode(resource, StandardCharsets.UTF_8);
            out.addAll(List.of("/tags/" + encoded, "/tags/" + encoded.replace("%2F", "%2f").replace("%3A", "%3a"),
                    "/tags/" + resource));
        }
        return out;
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Stack.url("gateway") + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLocalEndpointRoutesEveryPathAsTheHttpRouteDoes() throws Exception {
        List<Match> route = route();
        List<String> requests = new ArrayList<>();
        for (String request : modelRequests().values()) {
            String[] mp = request.split(" ", 2);
            REGIONS.forEach(r -> requests.add(mp[0] + " " + r + mp[1]));
        }
        requests.addAll(List.of("POST /sts", "POST /iam", "POST /ingest/v1/flow-logs", "POST /ingest/v1/cloudtrail",
                "GET /q/health/ready", "GET /stsx", "GET /iam/x", "GET /nothing", "GET /eu-west-1/unknown"));
        tagPaths().forEach(p -> REGIONS.forEach(r -> requests.add("GET " + r + p)));
        int checked = 0;
        for (String request : requests) {
            String[] mp = request.split(" ", 2);
            Set<String> expected = new TreeSet<>();
            route.stream().filter(m -> m.matches(mp[1])).forEach(m -> expected.add(m.backend()));
            assertThat(expected.size()).as(request + ": the HTTPRoute names at most one backend").isLessThanOrEqualTo(1);
            HttpResponse<String> r = send(mp[0], mp[1]);
            String backend = r.headers().firstValue("X-Vigil-Backend").orElse(null);
            if (expected.isEmpty()) {
                assertThat(r.statusCode()).as(request + " is routed nowhere").isEqualTo(404);
                assertThat(backend).as(request).isNull();
            } else {
                assertThat(backend).as(request + " (status " + r.statusCode() + ")").isEqualTo(expected.iterator().next());
                assertThat(r.statusCode()).as(request).isNotIn(502, 503, 504);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void theAwsCliUsesTheOneEndpointForEverything() {
        assumeTrue(run(Map.of(), AWS, "--version").out().startsWith("aws-cli/2"), "the AWS CLI v2 is not installed");
        Map<String, String> c = AwsClientsIT.credentialsOf(ADMIN_111, "111111111111");
        String endpoint = Stack.url("gateway");
        JsonNode ids = json(run(c, AWS, "guardduty", "list-detectors", "--endpoint-url", endpoint)).path("DetectorIds");
        String detector = ids.isEmpty()
                ? json(run(c, AWS, "guardduty", "create-detector", "--enable", "--endpoint-url", endpoint)).path("DetectorId").asText()
                : ids.get(0).asText();
        assertThat(json(run(c, AWS, "guardduty", "list-findings", "--detector-id", detector, "--max-items", "1",
                "--endpoint-url", endpoint)).has("FindingIds")).isTrue();
        assertThat(json(run(c, AWS, "sts", "get-caller-identity", "--endpoint-url", endpoint + "/sts")).path("Account")
                .asText()).isEqualTo("111111111111");
        assertThat(json(run(c, AWS, "iam", "list-access-keys", "--endpoint-url", endpoint + "/iam"))
                .has("AccessKeyMetadata")).isTrue();
    }
}
