package dev.vigil.web.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Checks a {@link SigV4Request} against the secret of its access key. The expected signature is computed by the AWS
 * SDK for Java v2's own signer ({@link Aws4Signer}, module {@code software.amazon.awssdk:auth}) over the request as
 * received, restricted to the signed headers and dated at its {@code X-Amz-Date}: no canonicalisation is written
 * here. Then the signatures are compared in constant time.
 *
 * <p>Why {@code Aws4Signer} (deprecated in 2.x in favour of {@code AwsV4HttpSigner} of {@code http-auth-aws}): the
 * newer signer always adds and signs {@code x-amz-content-sha256}, so it cannot reproduce a signature over exactly
 * the headers a client signed (botocore and the AWS CLI do not sign that header for GuardDuty or STS);
 * {@code Aws4Signer} signs exactly the headers present, and gives the AWS test suite's signatures.
 *
 * <p>Besides the signature: the date must be within {@code maxSkew} (AWS: 15 minutes) of the server's clock; a
 * presigned request must not be past {@code X-Amz-Date + X-Amz-Expires}; and a body whose SHA-256 differs from
 * {@code X-Amz-Content-Sha256} is refused before any signing.
 *
 * <p>Paths are URI-encoded twice and normalised, as every AWS service but S3 signs them (botocore, the SDKs);
 * {@code doubleUrlEncode = false} gives S3's (and the AWS test suite's) single encoding. Headers the SDK's signer
 * never signs ({@code user-agent}, {@code connection}, {@code expect}, {@code x-amzn-trace-id}) cannot be verified
 * when a client signs them; the AWS CLI, boto3 and the SDKs do not.
 */
public final class SigV4Verifier {

    /** The payload hash value of an unsigned body. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** Query parameters the signer writes itself in a presigned request. */
    private static final Set<String> PRESIGN_PARAMS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");

    private final Clock clock;
    private final Duration maxSkew;
    private final boolean doubleUrlEncode;

    /**
     * A verifier.
     *
     * @param clock           the server's clock
     * @param maxSkew         how far {@code X-Amz-Date} may be from the clock (AWS: 15 minutes)
     * @param doubleUrlEncode true for every AWS service but S3
     */
    public SigV4Verifier(Clock clock, Duration maxSkew, boolean doubleUrlEncode) {
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.doubleUrlEncode = doubleUrlEncode;
    }

    /**
     * Verifies {@code request} with {@code secret}.
     *
     * @throws SigV4Exception {@link SigV4Error#EXPIRED_SIGNATURE}, {@link SigV4Error#CONTENT_HASH_MISMATCH} or
     *         {@link SigV4Error#SIGNATURE_MISMATCH}
     */
    public void verify(SigV4Request request, String secret) {
        checkTime(request);
        checkContentHash(request);
        String expected = expectedSignature(request, secret);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                request.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new SigV4Exception(SigV4Error.SIGNATURE_MISMATCH, "The request signature we calculated does not match "
                    + "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
                    + "service documentation for details.");
        }
    }

    private void checkTime(SigV4Request request) {
        Instant now = clock.instant();
        if (request.presigned()) {
            if (request.date().isAfter(now.plus(maxSkew))) {
                throw new SigV4Exception(SigV4Error.EXPIRED_SIGNATURE, "Request is not yet valid: X-Amz-Date "
                        + request.amzDate() + " is later than the server's clock plus " + maxSkew.toMinutes() + " min.");
            }
            if (now.isAfter(request.expiresAt())) {
                throw new SigV4Exception(SigV4Error.EXPIRED_SIGNATURE, "Request has expired: the presigned URL was valid "
                        + "until " + request.expiresAt() + ".");
            }
        } else if (Duration.between(request.date(), now).abs().compareTo(maxSkew) > 0) {
            throw new SigV4Exception(SigV4Error.EXPIRED_SIGNATURE, "Signature expired: " + request.amzDate()
                    + " is now earlier than " + amz(now.minus(maxSkew)) + " (" + amz(now) + " - "
                    + maxSkew.toMinutes() + " min.)");
        }
    }

    private static String amz(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(t);
    }

    private static void checkContentHash(SigV4Request request) {
        String declared = request.header("x-amz-content-sha256");
        if (declared == null || declared.equals(UNSIGNED_PAYLOAD)) {
            return;
        }
        if (!declared.equalsIgnoreCase(sha256Hex(request.body()))) {
            throw new SigV4Exception(SigV4Error.CONTENT_HASH_MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature the SDK's signer gives {@code request} with {@code secret}. */
    @SuppressWarnings("deprecation") // Aws4Signer: see the class comment
    String expectedSignature(SigV4Request request, String secret) {
        SdkHttpFullRequest.Builder http = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(
                request.method().toUpperCase(Locale.ROOT))).encodedPath(request.rawPath());
        String host = request.header("host");
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > 0 && !host.endsWith("]") && host.substring(colon + 1).matches("\\d+");
        // http on port 80 makes the signer write Host without a port, exactly as received
        http.protocol("http").host(hasPort ? host.substring(0, colon) : host)
                .port(hasPort ? Integer.parseInt(host.substring(colon + 1)) : 80);
        for (Map.Entry<String, String> q : request.query()) {
            if (!request.presigned() || !PRESIGN_PARAMS.contains(q.getKey())) {
                http.appendRawQueryParameter(q.getKey(), q.getValue());
            }
        }
        for (String name : request.signedHeaders()) {
            if (!name.equals("host") && !(request.presigned() && name.equals("x-amz-date"))) {
                http.putHeader(name, request.headers().get(name));
            }
        }
        if (request.body().length > 0) {
            http.contentStreamProvider(ContentStreamProvider.fromByteArray(request.body()));
        }
        Clock at = Clock.fixed(request.date(), ZoneOffset.UTC);
        if (request.presigned()) {
            AwsCredentials credentials = request.sessionToken() != null
                    ? AwsSessionCredentials.create(request.accessKeyId(), secret, request.sessionToken())
                    : AwsBasicCredentials.create(request.accessKeyId(), secret);
            SdkHttpFullRequest signed = Aws4Signer.create().presign(http.build(), Aws4PresignerParams.builder()
                    .awsCredentials(credentials).signingName(request.service()).signingRegion(Region.of(request.region()))
                    .signingClockOverride(at).doubleUrlEncode(doubleUrlEncode).normalizePath(true)
                    .expirationTime(request.expiresAt()).build());
            return signed.firstMatchingRawQueryParameter("X-Amz-Signature").orElse("");
        }
        SdkHttpFullRequest signed = Aws4Signer.create().sign(http.build(), Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(request.accessKeyId(), secret)).signingName(request.service())
                .signingRegion(Region.of(request.region())).signingClockOverride(at).doubleUrlEncode(doubleUrlEncode)
                .normalizePath(true).build());
        String authorization = signed.firstMatchingHeader("Authorization").orElse("");
        int sig = authorization.indexOf("Signature=");
        return sig < 0 ? "" : authorization.substring(sig + "Signature=".length());
    }
}
