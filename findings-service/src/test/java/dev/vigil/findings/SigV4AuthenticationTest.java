package dev.vigil.findings;

import static dev.vigil.findings.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.web.sigv4.SessionTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.tuples.Tuple2;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.BadRequestException;
import software.amazon.awssdk.services.guardduty.model.GuardDutyException;

/**
 * SigV4 on the findings API with the unmodified AWS SDK for Java v2 (default signer, static session credentials,
 * endpoint override): credentials sealed for a principal act exactly as that principal (its account, roles and
 * tenant isolation), and each refusal comes back with AWS's error code: expired session token, wrong secret, token
 * not issued by this stack, date more than 15 minutes off, body hash not matching {@code X-Amz-Content-Sha256},
 * malformed {@code Authorization}, presigned URL past its expiry.
 */
@QuarkusTest
class SigV4AuthenticationTest {

    /** HTTP/1.1, as the AWS CLI, boto3 and the SDKs talk to an http endpoint. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URL root;

    @Inject
    @Any
    InMemoryConnector connector;

    @ConfigProperty(name = "vigil.sigv4.stack-key")
    String stackKey;

    @BeforeEach
    void setUp() {
        accounts(connector);
    }

    private SessionTokens.Session session(String account, List<String> roles, Instant expiration) {
        return new SessionTokens.Session(SessionTokens.newAccessKeyId(), SessionTokens.newSecret(), "user-" + account,
                "sub-" + account, account, roles, "arn:aws:iam::" + account + ":role/vigil", "test", expiration);
    }

    private GuardDutyClient client(SessionTokens.Session s, String secret, String token) {
        return GuardDutyClient.builder().endpointOverride(URI.create(root.toString().replaceAll("/$", "")))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(s.accessKeyId(),
                        secret, token)))
                .build();
    }

    private GuardDutyClient client(SessionTokens.Session s) {
        return client(s, s.secretAccessKey(), SessionTokens.fromBase64(stackKey).seal(s));
    }

    private static String code(Throwable e) {
        return ((GuardDutyException) e).awsErrorDetails().errorCode();
    }

    @Test
    void aSessionActsAsItsPrincipalWithinItsTenant() {
        SessionTokens.Session admin = session(A111, List.of("admin", "analyst"), Instant.now().plusSeconds(900));
        GuardDutyClient gd = client(admin);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> gd.listFindings(r -> r.detectorId(DET111).maxResults(1)) != null);
        assertThat(gd.listFindings(r -> r.detectorId(DET111).maxResults(5)).findingIds()).isNotNull();
        // another tenant's detector is answered exactly like a missing one
        assertThatThrownBy(() -> gd.listFindings(r -> r.detectorId(DET333)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("not owned by the current account");
        // a role that does not allow the operation
        SessionTokens.Session ingestOnly = session(A111, List.of("ingest"), Instant.now().plusSeconds(900));
        assertThatThrownBy(() -> client(ingestOnly).listFindings(r -> r.detectorId(DET111)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDeniedException"));
    }

    @Test
    void refusalsCarryAwsErrorCodes() {
        SessionTokens.Session expired = session(A111, List.of("admin"), Instant.now().minusSeconds(1));
        assertThatThrownBy(() -> client(expired).listFindings(r -> r.detectorId(DET111)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ExpiredTokenException"));
        SessionTokens.Session s = session(A111, List.of("admin"), Instant.now().plusSeconds(900));
        String token = SessionTokens.fromBase64(stackKey).seal(s);
        assertThatThrownBy(() -> client(s, SessionTokens.newSecret(), token).listFindings(r -> r.detectorId(DET111)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSignatureException"));
        String foreign = new SessionTokens(new byte[32]).seal(s);
        assertThatThrownBy(() -> client(s, s.secretAccessKey(), foreign).listFindings(r -> r.detectorId(DET111)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
        SessionTokens.Session other = session(A111, List.of("admin"), Instant.now().plusSeconds(900));
        assertThatThrownBy(() -> client(other, other.secretAccessKey(), token).listFindings(r -> r.detectorId(DET111)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
    }

    /** Signs {@code body} for POST ListFindings at {@code at} with the SDK's signer; returns the raw answer. */
    @SuppressWarnings("deprecation")
    private Tuple2<Integer, String> post(SessionTokens.Session s, Instant at, String body, String contentSha256)
            throws Exception {
        URI uri = URI.create(root.toString().replaceAll("/$", "") + "/detector/" + DET111 + "/findings");
        SdkHttpFullRequest.Builder r = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/json")
                .contentStreamProvider(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        if (contentSha256 != null) {
            r.putHeader("x-amz-content-sha256", contentSha256);
        }
        String token = SessionTokens.fromBase64(stackKey).seal(s);
        SdkHttpFullRequest signed = Aws4Signer.create().sign(r.build(), Aws4SignerParams.builder()
                .awsCredentials(AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), token))
                .signingName("guardduty").signingRegion(Region.US_EAST_1)
                .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC)).build());
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(
                contentSha256 != null && contentSha256.startsWith("0") ? body + " " : body));
        signed.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host")) {
                http.header(k, v.get(0));
            }
        });
        HttpResponse<String> answer = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
        return Tuple2.of(answer.statusCode(), answer.body());
    }

    @Test
    void skewBodyHashAndMalformedHeadersAreRefusedWith4xx() throws Exception {
        SessionTokens.Session s = session(A111, List.of("admin", "analyst"), Instant.now().plusSeconds(3600));
        Tuple2<Integer, String> ok = post(s, Instant.now(), "{\"maxResults\":1}", null);
        assertThat(ok.getItem1()).as(ok.getItem2()).isEqualTo(200);
        Tuple2<Integer, String> skewed = post(s, Instant.now().minus(Duration.ofMinutes(16)), "{}", null);
        assertThat(skewed.getItem1()).isEqualTo(403);
        assertThat(skewed.getItem2()).contains("InvalidSignatureException").contains("Signature expired");
        // the body sent is not the body hashed into x-amz-content-sha256
        String hash = dev.vigil.web.sigv4.SigV4Verifier.sha256Hex("{}".getBytes(StandardCharsets.UTF_8));
        Tuple2<Integer, String> tampered = post(s, Instant.now(), "{}", "0" + hash.substring(1));
        assertThat(tampered.getItem1()).isEqualTo(400);
        assertThat(tampered.getItem2()).contains("XAmzContentSHA256Mismatch");
        HttpResponse<String> malformed = HTTP.send(HttpRequest.newBuilder(
                URI.create(root + "detector/" + DET111 + "/findings")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIA/x").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("IncompleteSignatureException").doesNotContain("AKIA/x");
        HttpResponse<String> noDate = HTTP.send(HttpRequest.newBuilder(
                URI.create(root + "detector/" + DET111 + "/findings")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=ASIAX/20260101/us-east-1/guardduty/aws4_request, "
                        + "SignedHeaders=host, Signature=" + "0".repeat(64)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noDate.statusCode()).isEqualTo(400);
        assertThat(noDate.body()).contains("X-Amz-Date");
    }

    @Test
    @SuppressWarnings("deprecation")
    void aPresignedUrlWorksUntilItExpires() throws Exception {
        SessionTokens.Session s = session(A111, List.of("admin", "analyst"), Instant.now().plusSeconds(3600));
        String token = SessionTokens.fromBase64(stackKey).seal(s);
        URI uri = URI.create(root.toString().replaceAll("/$", "") + "/detector/" + DET111 + "/filter?maxResults=5");
        for (Instant at : new Instant[] {Instant.now(), Instant.now().minusSeconds(120)}) {
            SdkHttpFullRequest presigned = Aws4Signer.create().presign(SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                    .uri(uri).build(), Aws4PresignerParams.builder()
                    .awsCredentials(AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), token))
                    .signingName("guardduty").signingRegion(Region.US_EAST_1)
                    .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC)).expirationTime(at.plusSeconds(60)).build());
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(presigned.getUri()).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (at.isAfter(Instant.now().minusSeconds(60))) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            } else {
                assertThat(answer.statusCode()).isEqualTo(403);
                assertThat(answer.body()).contains("Request has expired").doesNotContain(token);
            }
        }
    }
}
