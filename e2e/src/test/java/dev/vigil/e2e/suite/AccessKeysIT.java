package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.suite.AwsClientsIT.AWS;
import static dev.vigil.e2e.suite.AwsClientsIT.gd;
import static dev.vigil.e2e.suite.AwsClientsIT.json;
import static dev.vigil.e2e.suite.AwsClientsIT.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * A long-lived access key through the unmodified AWS CLI v2 on the real stack: the CLI, signed with admin-111's
 * temporary credentials, creates the key with {@code aws iam create-access-key} (IAM's API on accounts-service), lists
 * it, then uses it alone (no session token) for GuardDuty on accounts-service and findings-service and for
 * {@code aws sts get-caller-identity} (an IAM user); {@code aws iam update-access-key --status Inactive} revokes it on
 * every service (accounts, findings, ingest: each replica learns it from topic {@code vigil.access-keys.v1}) within
 * seconds, and {@code aws iam delete-access-key} removes it for good.
 */
class AccessKeysIT {

    /** How long a revocation may take to reach every service ("within seconds"; the topic is polled every 0.2 s). */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(10);

    private static Map<String, String> session;
    private static String detector;

    private static AwsClientsIT.Run iam(Map<String, String> env, String... args) {
        String[] cmd = new String[args.length + 6];
        cmd[0] = AWS;
        cmd[1] = "iam";
        System.arraycopy(args, 0, cmd, 2, args.length);
        cmd[args.length + 2] = "--endpoint-url";
        cmd[args.length + 3] = Stack.url("accounts") + "/iam";
        cmd[args.length + 4] = "--output";
        cmd[args.length + 5] = "json";
        return run(env, cmd);
    }

    @BeforeAll
    static void setUp() {
        assumeTrue(run(Map.of(), AWS, "--version").out().startsWith("aws-cli/2"),
                "the AWS CLI v2 is not installed (Debian: apt-get install awscli)");
        session = AwsClientsIT.credentialsOf(ADMIN_111, "111111111111");
        // a used stack: remove the keys an earlier run left (at most two per principal)
        for (JsonNode k : json(iam(session, "list-access-keys")).path("AccessKeyMetadata")) {
            json(iam(session, "delete-access-key", "--access-key-id", k.path("AccessKeyId").asText()));
        }
        JsonNode ids = json(gd(session, "accounts", "list-detectors")).path("DetectorIds");
        detector = ids.isEmpty() ? json(gd(session, "accounts", "create-detector", "--enable")).path("DetectorId").asText()
                : ids.get(0).asText();
    }

    @Test
    void theAwsCliCreatesUsesRevokesAndDeletesALongLivedKey() throws InterruptedException {
        JsonNode key = json(iam(session, "create-access-key")).path("AccessKey");
        String id = key.path("AccessKeyId").asText();
        String secret = key.path("SecretAccessKey").asText();
        assertThat(id).matches("AKIA[A-Z2-7]{16}");
        assertThat(key.path("UserName").asText()).isEqualTo(ADMIN_111);
        assertThat(key.path("Status").asText()).isEqualTo("Active");
        JsonNode listed = json(iam(session, "list-access-keys", "--query", "AccessKeyMetadata[].[AccessKeyId,Status]"));
        assertThat(listed.toString()).isEqualTo("[[\"" + id + "\",\"Active\"]]");
        assertThat(listed.toString()).doesNotContain(secret);

        Map<String, String> longLived = Map.of("AWS_ACCESS_KEY_ID", id, "AWS_SECRET_ACCESS_KEY", secret);
        JsonNode me = json(run(longLived, AWS, "sts", "get-caller-identity", "--endpoint-url", Stack.url("accounts") + "/sts"));
        assertThat(me.path("Arn").asText()).isEqualTo("arn:aws:iam::111111111111:user/" + ADMIN_111);
        assertThat(me.path("Account").asText()).isEqualTo("111111111111");
        assertThat(json(gd(longLived, "accounts", "list-detectors")).path("DetectorIds").toString()).contains(detector);
        // findings-service learns the key from the topic (a request may wait up to 3 s for it)
        assertThat(json(gd(longLived, "findings", "list-findings", "--detector-id", detector, "--max-items", "1"))
                .has("FindingIds")).isTrue();
        var signer = AwsBasicCredentials.create(id, secret);
        assertThat(SigV4Caller.call(signer, Stack.url("ingest"), "POST", "/ingest/v1/flow-logs", "text/plain", "")
                .body()).doesNotContain("UnrecognizedClientException");

        json(iam(session, "update-access-key", "--access-key-id", id, "--status", "Inactive"));
        Instant revokedAt = Instant.now(); // UpdateAccessKey answered: the change is durable and on the topic
        Map<String, Supplier<String>> services = new LinkedHashMap<>();
        services.put("accounts", () -> SigV4Caller.call(signer, Stack.url("accounts"), "GET", "/detector", null, null)
                .body());
        services.put("findings", () -> SigV4Caller.call(signer, Stack.url("findings"), "GET",
                "/detector/" + detector + "/filter", null, null).body());
        services.put("ingest", () -> SigV4Caller.call(signer, Stack.url("ingest"), "POST", "/ingest/v1/flow-logs",
                "text/plain", "").body());
        for (Map.Entry<String, Supplier<String>> s : services.entrySet()) {
            String answer = s.getValue().get();
            while (!answer.contains("UnrecognizedClientException")
                    && Duration.between(revokedAt, Instant.now()).compareTo(REVOCATION_BOUND) < 0) {
                Thread.sleep(50);
                answer = s.getValue().get();
            }
            assertThat(answer).as(s.getKey() + " refuses the Inactive key within " + REVOCATION_BOUND)
                    .contains("UnrecognizedClientException").doesNotContain(secret);
            System.out.printf("access key revocation: %s refuses the key %d ms after UpdateAccessKey answered%n",
                    s.getKey(), Duration.between(revokedAt, Instant.now()).toMillis());
        }
        assertThat(gd(longLived, "findings", "list-findings", "--detector-id", detector).err())
                .contains("(UnrecognizedClientException)");
        assertThat(json(iam(session, "list-access-keys", "--query", "AccessKeyMetadata[0].Status")).asText())
                .isEqualTo("Inactive");

        json(iam(session, "delete-access-key", "--access-key-id", id));
        assertThat(json(iam(session, "list-access-keys")).path("AccessKeyMetadata").size()).isZero();
        assertThat(gd(longLived, "findings", "list-findings", "--detector-id", detector).err())
                .contains("(UnrecognizedClientException)");
        AwsClientsIT.Run again = iam(session, "delete-access-key", "--access-key-id", id);
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("(NoSuchEntity)");
    }
}
