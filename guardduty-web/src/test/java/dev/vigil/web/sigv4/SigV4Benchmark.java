package dev.vigil.web.sigv4;

import dev.vigil.web.accesskeys.AccessKeyDirectory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Cost per request of authentication, one thread: a SigV4 request (a ListFindings POST as the AWS CLI signs it:
 * parse, open the sealed session token, recompute the signature with the SDK's signer, compare) next to the work of
 * a bearer token (an RS256 Keycloak-like access token verified with jose4j, as Quarkus OIDC does with a cached key:
 * signature, issuer, audience, expiry). Run by hand, see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SigV4Benchmark {

    private SigV4IdentityProvider provider;
    private String method;
    private String path;
    private Map<String, List<String>> headers;
    private byte[] body;
    private JwtConsumer jwtConsumer;
    private String jwt;

    @Setup
    @SuppressWarnings("deprecation")
    public void setUp() throws Exception {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Instant now = Instant.now();
        SessionTokens.Session s = new SessionTokens.Session(SessionTokens.newAccessKeyId(), SessionTokens.newSecret(),
                "admin-111", "sub", "111111111111", List.of("admin", "analyst"), "arn:aws:iam::111111111111:role/vigil",
                "admin-111", now.plusSeconds(3600));
        String token = SessionTokens.fromBase64(key).seal(s);
        body = "{\"findingCriteria\":{\"criterion\":{\"severity\":{\"gte\":7}}},\"maxResults\":50}"
                .getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create("http://127.0.0.1:8083/detector/12abc34d567e8fa901bc2d34e56789f0/findings");
        SdkHttpFullRequest signed = Aws4Signer.create().sign(SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(uri).putHeader("Content-Type", "application/x-amz-json-1.1")
                .contentStreamProvider(() -> new ByteArrayInputStream(body)).build(), Aws4SignerParams.builder()
                .awsCredentials(AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), token))
                .signingName("guardduty").signingRegion(Region.US_EAST_1).build());
        method = "POST";
        path = uri.getRawPath();
        headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        provider = new SigV4IdentityProvider(new TestSigV4Config(key, Duration.ZERO), new AccessKeyDirectory(),
                Clock.fixed(now, ZoneOffset.UTC));

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("http://127.0.0.1:8180/realms/vigil");
        claims.setAudience("vigil-api");
        claims.setSubject("f3c1b0de-2a4f-4d0e-9d6b-0f4f1c2d3e4f");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setClaim("preferred_username", "admin-111");
        claims.setClaim("account_id", "111111111111");
        claims.setClaim("realm_access", Map.of("roles", List.of("admin", "analyst")));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue("k1");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwt = jws.getCompactSerialization();
        jwtConsumer = new JwtConsumerBuilder().setRequireExpirationTime().setExpectedIssuer(
                "http://127.0.0.1:8180/realms/vigil").setExpectedAudience("vigil-api")
                .setVerificationKey(pair.getPublic()).build();
    }

    /** A SigV4 request: parse, open the session token, verify the signature. */
    @Benchmark
    public Object sigv4() {
        return provider.identity(SigV4Request.parse(method, path, null, headers, body));
    }

    /** A bearer token: RS256 signature and claims. */
    @Benchmark
    public Object bearer() throws Exception {
        return jwtConsumer.processToClaims(jwt);
    }
}
