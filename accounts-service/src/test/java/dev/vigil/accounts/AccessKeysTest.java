package dev.vigil.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Long-lived access keys through the unmodified AWS SDK for Java v2 ({@link IamClient} on {@code /iam},
 * {@link GuardDutyClient}, {@link StsClient}, endpoint override only): a principal creates its own keys (the secret
 * once), lists, deactivates and deletes them; a key signs GuardDuty and STS calls as its principal (an IAM user in
 * GetCallerIdentity); an Inactive or deleted key is refused as AWS refuses it; at most two keys per principal; another
 * principal's key or user is answered like a missing one; PostgreSQL holds no usable secret.
 */
@QuarkusTest
class AccessKeysTest {

    static final String A = "111111111111";
    static final String B = "222222222222";

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void clean() {
        TestDb.clean();
    }

    private URI endpoint(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    private AwsCredentials session(String account) {
        Credentials c = StsClient.builder().endpointOverride(endpoint("")).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
                .build().assumeRoleWithWebIdentity(r -> r.webIdentityToken("token-" + account + "-3000")
                        .roleArn("arn:aws:iam::" + account + ":role/vigil").roleSessionName("admin-" + account))
                .credentials();
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private IamClient iam(AwsCredentials c) {
        // IAM is global: its requests are signed for us-east-1, as the AWS CLI signs them
        return IamClient.builder().endpointOverride(endpoint("/iam")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(c)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())).build();
    }

    private GuardDutyClient guardDuty(AwsCredentials c) {
        return GuardDutyClient.builder().endpointOverride(endpoint("")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(c)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())).build();
    }

    private StsClient sts(AwsCredentials c) {
        return StsClient.builder().endpointOverride(endpoint("")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(c)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())).build();
    }

    private static String code(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static AwsCredentials basic(AccessKey k) {
        return AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey());
    }

    @Test
    void aKeySignsAsItsPrincipalUntilDeactivatedOrDeleted() {
        IamClient mine = iam(session(A));
        AccessKey key = mine.createAccessKey().accessKey();
        assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(key.secretAccessKey()).hasSize(40);
        assertThat(key.userName()).isEqualTo("admin-" + A);
        assertThat(key.status()).isEqualTo(StatusType.ACTIVE);

        List<AccessKeyMetadata> listed = mine.listAccessKeys().accessKeyMetadata();
        assertThat(listed).extracting(AccessKeyMetadata::accessKeyId).containsExactly(key.accessKeyId());
        assertThat(listed.get(0).status()).isEqualTo(StatusType.ACTIVE);
        assertThat(listed.get(0).createDate()).isNotNull();

        // a database dump reveals no usable secret: only the sealed form is stored
        List<String> rows = TestDb.texts("select t::text from accounts.access_key t");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).doesNotContain(key.secretAccessKey());

        GuardDutyClient gd = guardDuty(basic(key));
        String detector = gd.createDetector(d -> d.enable(true)).detectorId();
        assertThat(gd.listDetectors().detectorIds()).containsExactly(detector);
        var me = sts(basic(key)).getCallerIdentity();
        assertThat(me.account()).isEqualTo(A);
        assertThat(me.arn()).isEqualTo("arn:aws:iam::" + A + ":user/admin-" + A);
        assertThat(me.userId()).matches("AIDA[0-9A-F]{17}");
        // the key itself manages keys, as an IAM user's does
        assertThat(iam(basic(key)).listAccessKeys().accessKeyMetadata()).hasSize(1);

        mine.updateAccessKey(r -> r.accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(mine.listAccessKeys().accessKeyMetadata().get(0).status()).isEqualTo(StatusType.INACTIVE);
        assertThatThrownBy(gd::listDetectors).satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
        assertThatThrownBy(() -> sts(basic(key)).getCallerIdentity())
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidClientTokenId"));

        mine.updateAccessKey(r -> r.accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        assertThat(gd.listDetectors().detectorIds()).containsExactly(detector);

        mine.deleteAccessKey(r -> r.accessKeyId(key.accessKeyId()));
        assertThat(mine.listAccessKeys().accessKeyMetadata()).isEmpty();
        assertThatThrownBy(gd::listDetectors).satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
        assertThatThrownBy(() -> mine.deleteAccessKey(r -> r.accessKeyId(key.accessKeyId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchEntity"));
    }

    @Test
    void atMostTwoKeysAndOnlyOnesOwn() {
        IamClient mine = iam(session(A));
        AccessKey first = mine.createAccessKey().accessKey();
        mine.createAccessKey();
        assertThatThrownBy(mine::createAccessKey).satisfies(e -> assertThat(code(e)).isEqualTo("LimitExceeded"));
        mine.updateAccessKey(r -> r.accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
        assertThatThrownBy(mine::createAccessKey).satisfies(e -> assertThat(code(e)).isEqualTo("LimitExceeded"));
        mine.deleteAccessKey(r -> r.accessKeyId(first.accessKeyId()));
        assertThat(mine.createAccessKey().accessKey().accessKeyId()).isNotEqualTo(first.accessKeyId());

        IamClient other = iam(session(B));
        AccessKey theirs = other.createAccessKey().accessKey();
        String missing = "AKIAAAAAAAAAAAAAAAAA";
        for (String id : List.of(theirs.accessKeyId(), missing)) {
            assertThatThrownBy(() -> mine.updateAccessKey(r -> r.accessKeyId(id).status(StatusType.INACTIVE)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchEntity"))
                    .satisfies(e -> assertThat(e.getMessage()).contains("The Access Key with id " + id + " cannot be found"));
            assertThatThrownBy(() -> mine.deleteAccessKey(r -> r.accessKeyId(id)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchEntity"));
        }
        assertThatThrownBy(() -> mine.listAccessKeys(r -> r.userName("admin-" + B)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchEntity"));
        assertThat(mine.listAccessKeys(r -> r.userName("admin-" + A)).accessKeyMetadata()).hasSize(2);
        assertThat(other.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .containsExactly(theirs.accessKeyId());
        assertThatThrownBy(() -> mine.updateAccessKey(r -> r.accessKeyId(theirs.accessKeyId()).status("Disabled")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        // B's key sees B's account only
        assertThat(sts(basic(theirs)).getCallerIdentity().account()).isEqualTo(B);
    }

    @Test
    void anonymousOrUnknownActionsAreRefusedInIamShape() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String form : List.of("Action=CreateAccessKey&Version=2010-05-08", "Action=CreateUser&Version=2010-05-08")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint("/iam"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("<Code>MissingAuthenticationToken</Code>").contains("iam.amazonaws.com");
        }
        assertThatThrownBy(() -> iam(session(A)).createUser(r -> r.userName("x")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAction"));
        assertThat(TestDb.count("select count(*) from accounts.access_key")).isZero();
    }
}
