package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.Finding;

/**
 * The unmodified AWS CLI v2 (Debian package {@code awscli}), boto3 (Debian {@code python3-boto3}) and AWS SDK for Java
 * v2 (default signer, endpoint override only) against the real stack, with credentials from Vigil's STS
 * (AssumeRoleWithWebIdentity with a real Keycloak token, called by the CLI itself): ListDetectors, CreateSampleFindings,
 * ListFindings paginated by the CLI over more than one page and filtered with {@code --query}, GetFindings read by
 * the SDKs' unmarshallers, GetCallerIdentity, and errors shown as the CLI shows AWS's. Debian's CLI (2.9) and boto3
 * (1.26) predate {@code AWS_ENDPOINT_URL_<SERVICE>}, so the endpoints are given with {@code --endpoint-url} /
 * {@code endpoint_url}. Findings operations answer on findings-service, detectors on accounts-service. Each client
 * also tags, lists the tags of and untags a detector and a filter (TagResource, ListTagsForResource, UntagResource)
 * on the one endpoint (the gateway), which routes by the percent-encoded ARN the client sends.
 */
class AwsClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String AWS = Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
    private static Map<String, String> credentials;
    private static String detector;

    record Run(int exit, String out, String err) {
    }

    /** {@code command} with only the given AWS variables (no config or credentials file, region us-east-1). */
    static Run run(Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            pb.environment().putAll(Map.of("AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                    "AWS_PAGER", "", "AWS_DEFAULT_REGION", "us-east-1", "AWS_EC2_METADATA_DISABLED", "true"));
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON {@code r} printed; it must have exited 0. */
    static JsonNode json(Run r) {
        assertThat(r.exit()).as(r.err()).isZero();
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    /** Temporary credentials of {@code user} from Vigil's STS, requested by the AWS CLI. */
    static Map<String, String> credentialsOf(String user, String account) {
        JsonNode c = json(run(Map.of(), AWS, "sts", "assume-role-with-web-identity", "--endpoint-url",
                Stack.url("accounts") + "/sts", "--role-arn", "arn:aws:iam::" + account + ":role/vigil",
                "--role-session-name", user, "--web-identity-token", Stack.token(user))).path("Credentials");
        return Map.of("AWS_ACCESS_KEY_ID", c.path("AccessKeyId").asText(), "AWS_SECRET_ACCESS_KEY",
                c.path("SecretAccessKey").asText(), "AWS_SESSION_TOKEN", c.path("SessionToken").asText());
    }

    private static List<String> aws(String... args) {
        List<String> cmd = new ArrayList<>(List.of(AWS));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A GuardDuty command of the CLI against {@code service}'s endpoint, JSON output. */
    static Run gd(Map<String, String> env, String service, String... args) {
        List<String> cmd = aws("guardduty");
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", Stack.url(service), "--output", "json"));
        return run(env, cmd.toArray(String[]::new));
    }

    @BeforeAll
    static void setUp() {
        assumeTrue(run(Map.of(), AWS, "--version").out().startsWith("aws-cli/2"),
                "the AWS CLI v2 is not installed (Debian: apt-get install awscli)");
        credentials = credentialsOf(ADMIN_111, "111111111111");
        JsonNode ids = json(gd(credentials, "accounts", "list-detectors")).path("DetectorIds");
        detector = ids.isEmpty() ? json(gd(credentials, "accounts", "create-detector", "--enable")).path("DetectorId").asText()
                : ids.get(0).asText();
        json(gd(credentials, "findings", "create-sample-findings", "--detector-id", detector));
    }

    @Test
    void theAwsCliListsPaginatesAndReadsFindings() {
        assertThat(json(gd(credentials, "accounts", "list-detectors")).path("DetectorIds").toString()).contains(detector);
        // page size 3: the CLI follows nextToken over at least three pages of the 8 sample findings
        JsonNode all = json(gd(credentials, "findings", "list-findings", "--detector-id", detector, "--page-size", "3"));
        assertThat(all.path("FindingIds").size()).isGreaterThanOrEqualTo(8);
        // the administrator also sees its members' findings (and, on a used stack, detections): ask for its own
        JsonNode first = json(gd(credentials, "findings", "list-findings", "--detector-id", detector, "--max-items", "2",
                "--finding-criteria", "{\"Criterion\":{\"accountId\":{\"Eq\":[\"111111111111\"]}}}",
                "--query", "FindingIds"));
        assertThat(first.size()).isEqualTo(2);
        JsonNode findings = json(gd(credentials, "findings", "get-findings", "--detector-id", detector, "--finding-ids",
                first.get(0).asText(), first.get(1).asText())).path("Findings");
        assertThat(findings.size()).isEqualTo(2);
        assertThat(findings.get(0).path("AccountId").asText()).isEqualTo("111111111111");
        JsonNode stats = json(gd(credentials, "findings", "get-findings-statistics", "--detector-id", detector,
                "--finding-statistic-types", "COUNT_BY_SEVERITY"));
        assertThat(stats.path("FindingStatistics").path("CountBySeverity").size()).isPositive();
        JsonNode me = json(run(credentials, AWS, "sts", "get-caller-identity", "--endpoint-url",
                Stack.url("accounts") + "/sts"));
        assertThat(me.path("Account").asText()).isEqualTo("111111111111");
        assertThat(me.path("Arn").asText()).isEqualTo("arn:aws:sts::111111111111:assumed-role/vigil/" + ADMIN_111);
    }

    @Test
    void theAwsCliShowsAwsErrors() {
        // another tenant's credentials: the detector is answered exactly like a missing one
        Run foreign = gd(credentialsOf(ADMIN_333, "333333333333"), "findings", "list-findings", "--detector-id", detector);
        assertThat(foreign.exit()).isNotZero();
        assertThat(foreign.err()).contains("(BadRequestException)").contains("not owned by the current account");
        Map<String, String> wrong = new HashMap<>(credentials);
        String secret = credentials.get("AWS_SECRET_ACCESS_KEY");
        // another first character (a secret that starts with 'x' stayed the same, and the call succeeded)
        wrong.put("AWS_SECRET_ACCESS_KEY", (secret.charAt(0) == 'x' ? "y" : "x") + secret.substring(1));
        Run badSignature = gd(wrong, "findings", "list-findings", "--detector-id", detector);
        assertThat(badSignature.err()).contains("(InvalidSignatureException)")
                .doesNotContain(credentials.get("AWS_SECRET_ACCESS_KEY"));
        Map<String, String> unknown = new HashMap<>(credentials);
        unknown.put("AWS_SESSION_TOKEN", "bm90LWEtdG9rZW4=");
        assertThat(gd(unknown, "findings", "list-findings", "--detector-id", detector).err())
                .contains("(UnrecognizedClientException)");
        Run sts = run(wrong, AWS, "sts", "get-caller-identity", "--endpoint-url", Stack.url("accounts") + "/sts");
        assertThat(sts.err()).contains("(SignatureDoesNotMatch)");
    }

    @Test
    void boto3PaginatesAndReadsFindings() {
        String script = String.join("\n",
                "import boto3, json, sys",
                "gd = boto3.client('guardduty', endpoint_url=sys.argv[1], region_name='us-east-1')",
                "ids = [i for p in gd.get_paginator('list_findings').paginate(DetectorId=sys.argv[2],",
                "       PaginationConfig={'PageSize': 3}) for i in p['FindingIds']]",
                "own = {'Criterion': {'accountId': {'Eq': ['111111111111']}, 'type': {'Eq': ['Recon:EC2/PortProbeUnprotectedPort']}}}",
                "mine = gd.list_findings(DetectorId=sys.argv[2], FindingCriteria=own, MaxResults=50)['FindingIds']",
                "f = gd.get_findings(DetectorId=sys.argv[2], FindingIds=list(dict.fromkeys(mine + ids))[:5])['Findings']",
                "sts = boto3.client('sts', endpoint_url=sys.argv[3], region_name='us-east-1')",
                "print(json.dumps({'ids': len(ids), 'types': [x['Type'] for x in f],",
                "  'info': next(x['Service']['AdditionalInfo']['Type'] for x in gd.get_findings(DetectorId=sys.argv[2],",
                "      FindingIds=mine)['Findings'] if 'AdditionalInfo' in x['Service']), 'account': sts.get_caller_identity()['Account']}))");
        JsonNode out = json(run(credentials, "/usr/bin/python3", "-c", script, Stack.url("findings"), detector,
                Stack.url("accounts") + "/sts"));
        assertThat(out.path("ids").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(out.path("types").size()).isEqualTo(5);
        assertThat(out.path("info").asText()).isEqualTo("default");
        assertThat(out.path("account").asText()).isEqualTo("111111111111");
    }

    /** The AWS SDK for Java v2 GuardDuty client with its default signer, on {@code service}'s endpoint. */
    private static GuardDutyClient javaSdk(String service) {
        return GuardDutyClient.builder().endpointOverride(URI.create(Stack.url(service)))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.get("AWS_ACCESS_KEY_ID"), credentials.get("AWS_SECRET_ACCESS_KEY"),
                        credentials.get("AWS_SESSION_TOKEN"))))
                .build();
    }

    /** A filter of 111111111111's detector named {@code vigil-tags-<client>-<random>}, created by the Java SDK. */
    private static String filter(String client, Map<String, String> tags) {
        String name = "vigil-tags-" + client + "-" + UUID.randomUUID().toString().substring(0, 8);
        javaSdk("gateway").createFilter(r -> r.detectorId(detector).name(name).tags(tags).findingCriteria(c -> c.criterion(
                Map.of("severity", Condition.builder().gte(9).build()))));
        return name;
    }

    private static void deleteFilter(String name) {
        javaSdk("gateway").deleteFilter(r -> r.detectorId(detector).filterName(name));
    }

    private static String detectorArn() {
        return "arn:aws:guardduty:us-east-1:111111111111:detector/" + detector;
    }

    private static String filterArn(String name) {
        return detectorArn() + "/filter/" + name;
    }

    /**
     * TagResource, ListTagsForResource and UntagResource with the AWS CLI on the one endpoint (the gateway), which
     * sends the ARN percent-encoded: a detector's tags answer from accounts-service, a filter's from findings-service;
     * another tenant's ARN is answered like a missing resource.
     */
    @Test
    void theAwsCliTagsADetectorAndAFilter() {
        String key = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String name = filter("cli", Map.of("created", "cli"));
        try {
            for (String arn : List.of(detectorArn(), filterArn(name))) {
                json(gd(credentials, "gateway", "tag-resource", "--resource-arn", arn, "--tags", key + "=a,team=sec"));
                JsonNode tags = json(gd(credentials, "gateway", "list-tags-for-resource", "--resource-arn", arn)).path("Tags");
                assertThat(tags.path(key).asText()).as(arn).isEqualTo("a");
                assertThat(tags.path("team").asText()).as(arn).isEqualTo("sec");
                json(gd(credentials, "gateway", "untag-resource", "--resource-arn", arn, "--tag-keys", key, "team"));
                tags = json(gd(credentials, "gateway", "list-tags-for-resource", "--resource-arn", arn)).path("Tags");
                assertThat(tags.has(key)).as(arn).isFalse();
                Run foreign = gd(credentialsOf(ADMIN_333, "333333333333"), "gateway", "list-tags-for-resource",
                        "--resource-arn", arn);
                assertThat(foreign.err()).contains("(BadRequestException)").contains("not owned by the current account");
            }
            JsonNode got = json(gd(credentials, "gateway", "get-filter", "--detector-id", detector, "--filter-name", name));
            assertThat(got.path("Tags").path("created").asText()).isEqualTo("cli");
        } finally {
            deleteFilter(name);
        }
    }

    /** The same with boto3: tag_resource, list_tags_for_resource, untag_resource on a detector and a filter. */
    @Test
    void boto3TagsADetectorAndAFilter() {
        String name = filter("boto3", Map.of());
        try {
            String script = String.join("\n",
                    "import boto3, json, sys",
                    "gd = boto3.client('guardduty', endpoint_url=sys.argv[1], region_name='us-east-1')",
                    "out = {}",
                    "for arn in sys.argv[2:]:",
                    "    gd.tag_resource(ResourceArn=arn, Tags={'boto3': 'yes', 'keep': 'k'})",
                    "    before = gd.list_tags_for_resource(ResourceArn=arn)['Tags']",
                    "    gd.untag_resource(ResourceArn=arn, TagKeys=['boto3', 'keep'])",
                    "    out[arn] = {'before': before, 'after': gd.list_tags_for_resource(ResourceArn=arn)['Tags']}",
                    "print(json.dumps(out))");
            JsonNode out = json(run(credentials, "/usr/bin/python3", "-c", script, Stack.url("gateway"), detectorArn(),
                    filterArn(name)));
            for (String arn : List.of(detectorArn(), filterArn(name))) {
                assertThat(out.path(arn).path("before").path("boto3").asText()).as(arn).isEqualTo("yes");
                assertThat(out.path(arn).path("after").has("boto3")).as(arn).isFalse();
                assertThat(out.path(arn).path("after").has("keep")).as(arn).isFalse();
            }
        } finally {
            deleteFilter(name);
        }
    }

    /** The same with the AWS SDK for Java v2; GetDetector and GetFilter show the tags TagResource set. */
    @Test
    void theJavaSdkTagsADetectorAndAFilter() {
        GuardDutyClient gd = javaSdk("gateway");
        String name = filter("java", Map.of("created", "java"));
        try {
            gd.tagResource(r -> r.resourceArn(detectorArn()).tags(Map.of("java-sdk", "yes")));
            assertThat(gd.getDetector(r -> r.detectorId(detector)).tags()).containsEntry("java-sdk", "yes");
            gd.tagResource(r -> r.resourceArn(filterArn(name)).tags(Map.of("java-sdk", "yes")));
            assertThat(gd.listTagsForResource(r -> r.resourceArn(filterArn(name))).tags())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("created", "java", "java-sdk", "yes"));
            gd.untagResource(r -> r.resourceArn(filterArn(name)).tagKeys("created"));
            assertThat(gd.getFilter(r -> r.detectorId(detector).filterName(name)).tags())
                    .containsExactlyEntriesOf(Map.of("java-sdk", "yes"));
            gd.untagResource(r -> r.resourceArn(detectorArn()).tagKeys("java-sdk"));
            assertThat(gd.listTagsForResource(r -> r.resourceArn(detectorArn())).tags()).doesNotContainKey("java-sdk");
        } finally {
            deleteFilter(name);
        }
    }

    @Test
    void theJavaSdkWithItsDefaultSignerReadsEveryFinding() {
        GuardDutyClient gd = javaSdk("findings");
        List<String> ids = gd.listFindingsPaginator(r -> r.detectorId(detector).maxResults(50)).findingIds().stream().toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(8);
        for (int i = 0; i < ids.size(); i += 50) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + 50));
            List<Finding> findings = gd.getFindings(r -> r.detectorId(detector).findingIds(batch)).findings();
            assertThat(findings).hasSameSizeAs(batch);
        }
    }
}
