package dev.vigil.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Vigil's STS through the unmodified AWS SDK for Java v2 ({@link StsClient}, endpoint override): a web identity token
 * becomes temporary credentials that sign GetCallerIdentity and GuardDuty calls as the token's principal; lifetimes
 * are capped by the token; bad tokens, foreign roles, bad parameters and unsigned or badly signed calls get STS's
 * error codes in its XML.
 */
@QuarkusTest
class StsTest {

    static final String A = "111111111111";

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void clean() {
        TestDb.clean();
    }

    private URI endpoint() {
        return URI.create(base.toString().replaceAll("/$", ""));
    }

    private StsClient anonymous() {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry())).build();
    }

    private StaticCredentialsProvider provider(Credentials c) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()));
    }

    private AssumeRoleWithWebIdentityResponse assume(String token, String roleArn, Integer duration) {
        return anonymous().assumeRoleWithWebIdentity(r -> r.webIdentityToken(token).roleArn(roleArn)
                .roleSessionName("admin-111").durationSeconds(duration));
    }

    private static String code(Throwable e) {
        return ((StsException) e).awsErrorDetails().errorCode();
    }

    @Test
    void aTokenBecomesCredentialsOfItsPrincipal() {
        AssumeRoleWithWebIdentityResponse r = assume("token-" + A + "-3000", "arn:aws:iam::" + A + ":role/vigil", null);
        Credentials c = r.credentials();
        assertThat(c.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(c.secretAccessKey()).hasSize(40);
        // DurationSeconds defaults to 3600, capped by vigil.sts.max-session-duration (1 h) and the token (50 min)
        assertThat(Duration.between(Instant.now(), c.expiration())).isBetween(Duration.ofMinutes(48), Duration.ofMinutes(51));
        assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/vigil/admin-111");
        assertThat(r.subjectFromWebIdentityToken()).isEqualTo("sub-" + A);

        StsClient signed = StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(provider(c)).httpClient(UrlConnectionHttpClient.create()).build();
        var me = signed.getCallerIdentity();
        assertThat(me.account()).isEqualTo(A);
        assertThat(me.arn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/vigil/admin-111");
        assertThat(me.userId()).startsWith("AROA").endsWith(":admin-111");

        GuardDutyClient gd = GuardDutyClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(provider(c)).httpClient(UrlConnectionHttpClient.create()).build();
        String detector = gd.createDetector(d -> d.enable(true)).detectorId();
        assertThat(gd.listDetectors().detectorIds()).containsExactly(detector);
        assertThat(gd.getDetector(d -> d.detectorId(detector)).statusAsString()).isEqualTo("ENABLED");

        Credentials shortLived = assume("token-" + A + "-120", "arn:aws:iam::" + A + ":role/vigil", 7200).credentials();
        assertThat(Duration.between(Instant.now(), shortLived.expiration())).isLessThanOrEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void refusalsCarryStsErrorCodes() throws Exception {
        assertThatThrownBy(() -> assume("forged", "arn:aws:iam::" + A + ":role/vigil", null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidIdentityToken"));
        assertThatThrownBy(() -> assume("token-" + A + "-300", "arn:aws:iam::222222222222:role/vigil", null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> assume("token-none-300", "arn:aws:iam::" + A + ":role/vigil", null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> assume("token-" + A + "-300", "not-an-arn", null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> assume("token-" + A + "-300", "arn:aws:iam::" + A + ":role/vigil", 60))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> anonymous().getCallerIdentity())
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingAuthenticationToken"));

        Credentials c = assume("token-" + A + "-300", "arn:aws:iam::" + A + ":role/vigil", null).credentials();
        StsClient wrongSecret = StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        "x" + c.secretAccessKey().substring(1), c.sessionToken())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())).build();
        assertThatThrownBy(wrongSecret::getCallerIdentity)
                .satisfies(e -> assertThat(code(e)).isEqualTo("SignatureDoesNotMatch"));

        HttpResponse<String> unknown = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(endpoint()).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("Action=AssumeRole&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");
    }
}
