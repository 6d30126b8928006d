package dev.vigil.web.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.AccessKeyState;
import dev.vigil.web.Caller;
import dev.vigil.web.accesskeys.AccessKeyDirectory;
import dev.vigil.web.accesskeys.AccessKeySecrets;
import io.quarkus.security.identity.SecurityIdentity;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Long-lived access keys at the edge: a request signed by the AWS SDK's signer with an Active key is its principal
 * (name, account, roles); an Inactive, deleted, never-seen or foreign-sealed key is refused as AWS refuses it
 * ({@code UnrecognizedClientException}, {@code InvalidClientTokenId} for STS/IAM), a wrong secret as a signature
 * mismatch; the directory keeps the newest version and a deletion is final; a sealed secret opens only for its key.
 */
class LongLivedKeysTest {

    private static final String KEY = "3lsT9R0TiwXYllf99SXxhSMzl9qXFDVpDXWZqwWFeTI=";
    private static final String OTHER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final AccessKeySecrets SECRETS = new AccessKeySecrets(StackKeyCipher.fromBase64(KEY));

    private final AccessKeyDirectory directory = new AccessKeyDirectory();
    private final SigV4IdentityProvider provider = new SigV4IdentityProvider(new TestSigV4Config(KEY,
            Duration.ofMillis(300)), directory, Clock.fixed(NOW, ZoneOffset.UTC));

    private static AccessKeyState key(String id, String secret, String status, long version, AccessKeySecrets with) {
        return new AccessKeyState(AccessKeyState.SCHEMA_VERSION, id, status, "admin-111", "sub-111", "111111111111",
                List.of("admin", "analyst"), with.seal(id, secret), NOW.toEpochMilli(), version);
    }

    @SuppressWarnings("deprecation")
    private static SigV4Request signed(String service, String id, String secret) {
        byte[] body = "{\"maxResults\":5}".getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create("http://127.0.0.1:21083/detector/12abc34d567e8fa901bc2d34e56789f0/findings");
        SdkHttpFullRequest r = Aws4Signer.create().sign(SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .contentStreamProvider(() -> new ByteArrayInputStream(body)).build(), Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(id, secret)).signingName(service)
                .signingRegion(Region.EU_WEST_1).signingClockOverride(Clock.fixed(NOW, ZoneOffset.UTC)).build());
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        return SigV4Request.parse("POST", uri.getRawPath(), null, headers, body);
    }

    private static void refused(Runnable call, SigV4Error error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void anActiveKeyIsItsPrincipal() {
        String id = AccessKeySecrets.newAccessKeyId();
        String secret = AccessKeySecrets.newSecret();
        directory.apply(id, key(id, secret, AccessKeyState.ACTIVE, 1, SECRETS));

        SecurityIdentity identity = provider.identity(signed("guardduty", id, secret));
        Caller caller = Caller.of(identity);
        assertThat(caller).isEqualTo(new Caller("admin-111", "111111111111", java.util.Set.of("admin", "analyst")));
        assertThat((String) identity.getAttribute(SigV4IdentityProvider.REGION)).isEqualTo("eu-west-1");
        AccessKeyState carried = identity.getAttribute(SigV4IdentityProvider.LONG_LIVED_KEY);
        assertThat(carried.accessKeyId()).isEqualTo(id);
        assertThat(carried.sealedSecret()).isNull();
        assertThat(id).matches("AKIA[A-Z2-7]{16}");

        String wrong = (secret.charAt(0) == 'x' ? "y" : "x") + secret.substring(1); // always differs from the secret
        refused(() -> provider.identity(signed("guardduty", id, wrong)), SigV4Error.SIGNATURE_MISMATCH);
    }

    @Test
    void inactiveDeletedUnknownOrForeignKeysAreUnrecognized() {
        String secret = AccessKeySecrets.newSecret();
        String inactive = AccessKeySecrets.newAccessKeyId();
        directory.apply(inactive, key(inactive, secret, AccessKeyState.ACTIVE, 1, SECRETS));
        directory.apply(inactive, key(inactive, secret, AccessKeyState.INACTIVE, 2, SECRETS));
        refused(() -> provider.identity(signed("guardduty", inactive, secret)), SigV4Error.UNRECOGNIZED_KEY);

        String deleted = AccessKeySecrets.newAccessKeyId();
        directory.apply(deleted, key(deleted, secret, AccessKeyState.ACTIVE, 1, SECRETS));
        directory.apply(deleted, null);
        directory.apply(deleted, key(deleted, secret, AccessKeyState.ACTIVE, 7, SECRETS)); // a late older record
        refused(() -> provider.identity(signed("guardduty", deleted, secret)), SigV4Error.UNRECOGNIZED_KEY);

        String foreign = AccessKeySecrets.newAccessKeyId();
        directory.apply(foreign, key(foreign, secret, AccessKeyState.ACTIVE, 1,
                new AccessKeySecrets(StackKeyCipher.fromBase64(OTHER_KEY))));
        refused(() -> provider.identity(signed("guardduty", foreign, secret)), SigV4Error.UNRECOGNIZED_KEY);

        String unknown = AccessKeySecrets.newAccessKeyId();
        refused(() -> provider.identity(signed("guardduty", unknown, secret)), SigV4Error.UNRECOGNIZED_KEY);
        refused(() -> provider.identity(signed("guardduty", "AKIDEXAMPLE", secret)), SigV4Error.UNRECOGNIZED_KEY);

        // through authenticate(): IAM and STS answer in their Query protocol's code
        assertThatThrownBy(() -> provider.authenticate(new SigV4AuthenticationRequest(signed("iam", inactive, secret)),
                null).await().indefinitely()).isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidClientTokenId"));
        assertThatThrownBy(() -> provider.authenticate(new SigV4AuthenticationRequest(signed("guardduty", inactive,
                secret)), null).await().indefinitely()).isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.code()).isEqualTo("UnrecognizedClientException"));
    }

    @Test
    void aKeyThatArrivesWhileTheRequestWaitsIsAccepted() {
        String id = AccessKeySecrets.newAccessKeyId();
        String secret = AccessKeySecrets.newSecret();
        var pending = provider.authenticate(new SigV4AuthenticationRequest(signed("guardduty", id, secret)), null)
                .subscribeAsCompletionStage();
        directory.apply(id, key(id, secret, AccessKeyState.ACTIVE, 1, SECRETS));
        assertThat(Caller.of(pending.join()).accountId()).isEqualTo("111111111111");

        String never = AccessKeySecrets.newAccessKeyId();
        assertThatThrownBy(() -> provider.authenticate(new SigV4AuthenticationRequest(signed("guardduty", never,
                secret)), null).await().indefinitely()).isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.code()).isEqualTo("UnrecognizedClientException"));
    }

    @Test
    void theDirectoryKeepsTheNewestVersionAndASecretOpensOnlyForItsKey() {
        String id = AccessKeySecrets.newAccessKeyId();
        String secret = AccessKeySecrets.newSecret();
        directory.apply(id, key(id, secret, AccessKeyState.INACTIVE, 5, SECRETS));
        directory.apply(id, key(id, secret, AccessKeyState.ACTIVE, 4, SECRETS)); // older: ignored
        assertThat(directory.find(id).status()).isEqualTo(AccessKeyDirectory.Status.REVOKED);
        directory.apply(id, key(id, secret, AccessKeyState.ACTIVE, 6, SECRETS));
        assertThat(directory.find(id).status()).isEqualTo(AccessKeyDirectory.Status.ACTIVE);
        assertThatThrownBy(() -> directory.apply("AKIAOTHER", key(id, secret, AccessKeyState.ACTIVE, 7, SECRETS)))
                .isInstanceOf(IllegalArgumentException.class);

        String sealed = SECRETS.seal(id, secret);
        assertThat(sealed).doesNotContain(secret);
        assertThat(SECRETS.open(id, sealed)).isEqualTo(secret);
        assertThatThrownBy(() -> SECRETS.open(AccessKeySecrets.newAccessKeyId(), sealed))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessKeySecrets(StackKeyCipher.fromBase64(OTHER_KEY)).open(id, sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
