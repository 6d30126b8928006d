package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.DemoIdentities.ADMIN_ACCOUNT;
import static dev.vigil.e2e.DemoIdentities.INGEST_111;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.GuardDutyApi.listFindings;
import static dev.vigil.e2e.suite.Stack.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.Finding;
import software.amazon.awssdk.services.guardduty.model.Indicator;
import software.amazon.awssdk.services.guardduty.model.Signal;

/**
 * An attack chain on the real stack becomes one attack-sequence finding: CloudTrail records of a stolen key (Tor exit,
 * discovery, a key for another user, CloudTrail stopped) are posted to ingest-service, the detector's Kafka Streams
 * topology raises the single findings and correlates them with the raw calls, findings-service stores the sequence,
 * and the AWS SDK for Java v2 GuardDuty client reads its {@code service.detection.sequence}. Each run uses a fresh
 * principal, so it is a new sequence. Nothing is mocked. The delay from the last record's 2xx to the sequence showing
 * its last signal is printed (BENCHMARKS.md), not asserted.
 */
class AttackSequenceIT {

    private static final String TOR = "101.99.92.179";
    private static final Duration DETECTION = Duration.ofSeconds(90);

    private static String call(String user, String principal, String key, String source, String api, String request,
            Instant at) {
        return """
                {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"%s","arn":
                "arn:aws:iam::%s:user/%s","accountId":"%s","accessKeyId":"%s","userName":"%s"},"eventTime":"%s",
                "eventSource":"%s","eventName":"%s","awsRegion":"us-east-1","sourceIPAddress":"%s",
                "userAgent":"aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22","requestParameters":%s,
                "eventID":"%s","eventType":"AwsApiCall","recipientAccountId":"%s"}
                """.formatted(principal, ADMIN_ACCOUNT, user, ADMIN_ACCOUNT, key, user, at, source, api, TOR, request,
                UUID.randomUUID(), ADMIN_ACCOUNT);
    }

    private static void ingest(List<String> records) {
        as(INGEST_111, "ingest").body("{\"Records\":[" + String.join(",", records) + "]}")
                .post("/ingest/v1/cloudtrail").then().statusCode(200);
    }

    private static GuardDutyClient sdk(String user) {
        return GuardDutyClient.builder().endpointOverride(URI.create(Stack.url("findings"))).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                            ExecutionAttributes attributes) {
                        return context.httpRequest().toBuilder()
                                .putHeader("Authorization", "Bearer " + Stack.token(user)).build();
                    }
                })).build();
    }

    @Test
    void aStolenKeyChainBecomesOneSequenceFindingThatTheSdkReads() {
        String detector = ensureDetector(ADMIN_111);
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String user = "mallory-" + suffix.toLowerCase();
        String principal = "AIDASEQ" + suffix;
        String key = "AKIASEQ" + suffix;
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        ingest(List.of(call(user, principal, key, "sts.amazonaws.com", "GetCallerIdentity", "null", t),
                call(user, principal, key, "s3.amazonaws.com", "ListBuckets", "null", t.plusSeconds(20)),
                call(user, principal, key, "iam.amazonaws.com", "ListUsers", "null", t.plusSeconds(40)),
                call(user, principal, key, "iam.amazonaws.com", "CreateAccessKey", "{\"userName\":\"alice\"}",
                        t.plusSeconds(120))));
        ingest(List.of(call(user, principal, key, "cloudtrail.amazonaws.com", "StopLogging", "{\"name\":\"org-trail\"}",
                t.plusSeconds(240))));
        long sent = System.nanoTime();

        GuardDutyClient gd = sdk(ADMIN_111);
        Map<String, Object> criteria = Map.of("type", Map.of("eq", List.of("AttackSequence:IAM/CompromisedCredentials")),
                "resource.accessKeyDetails.accessKeyId", Map.of("eq", List.of(key)));
        List<Finding> found = new ArrayList<>();
        await().atMost(DETECTION).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            List<String> ids = listFindings(ADMIN_111, detector, criteria);
            assertThat(ids).hasSize(1);
            Finding f = gd.getFindings(r -> r.detectorId(detector).findingIds(ids)).findings().get(0);
            assertThat(f.service().detection().sequence().signals()).extracting(Signal::name).contains("StopLogging");
            found.clear();
            found.add(f);
        });
        System.out.printf("attack sequence: last record accepted -> sequence with its signal readable: %d ms%n",
                (System.nanoTime() - sent) / 1_000_000);

        Finding f = found.get(0);
        assertThat(f.severity()).isBetween(9.0, 10.0);
        assertThat(f.service().detection().sequence().uid()).isEqualTo(f.id());
        List<Signal> signals = f.service().detection().sequence().signals();
        assertThat(signals).extracting(Signal::name).contains("CreateAccessKey", "ListBuckets")
                .anyMatch(n -> n.contains("TorIPCaller"));
        assertThat(signals).allMatch(s -> s.firstSeenAt() != null && s.count() >= 1);
        List<String> tactics = f.service().detection().sequence().sequenceIndicators().stream()
                .filter(i -> "ATTACK_TACTIC".equals(i.keyAsString())).map(Indicator::values).findFirst().orElseThrow();
        assertThat(tactics).contains("Discovery", "Persistence", "Defense Evasion");
        assertThat(f.service().detection().sequence().actors().get(0).user().credentialUid()).isEqualTo(key);
    }
}
