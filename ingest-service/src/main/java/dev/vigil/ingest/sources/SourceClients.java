package dev.vigil.ingest.sources;

import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import dev.vigil.web.sigv4.SigV4Config;
import dev.vigil.web.sigv4.StackKeyCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * AWS SDK v2 clients for one log source: region, endpoint override (S3- and SQS-compatible stores; S3 then uses
 * path-style addressing), and the source's credentials opened with the stack key: static keys, or an IAM role
 * assumed through STS with the service's own credentials and the source's external ID (refreshed before expiry).
 */
@ApplicationScoped
public class SourceClients {

    private final Optional<StackKeyCipher> cipher;

    public SourceClients(SigV4Config config) {
        this.cipher = config.stackKey().filter(k -> !k.isBlank()).map(StackKeyCipher::fromBase64);
    }

    /** S3 and SQS clients of one source; close them together. */
    public record Clients(S3Client s3, SqsClient sqs, AutoCloseable credentials) implements AutoCloseable {
        @Override
        public void close() {
            s3.close();
            sqs.close();
            try {
                credentials.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    /**
     * The clients of {@code s}.
     *
     * @throws IllegalStateException when the credentials cannot be opened (no stack key, another key, altered)
     */
    public Clients of(LogSourceState s) {
        LogSourceState.Credentials c = open(s);
        Region region = Region.of(s.sourceRegion());
        AwsCredentialsProvider provider;
        AutoCloseable closer = () -> { };
        if (c.roleArn() != null) {
            StsClient sts = StsClient.builder().region(region).httpClient(UrlConnectionHttpClient.create()).build();
            StsAssumeRoleCredentialsProvider p = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(r -> r.roleArn(c.roleArn()).externalId(c.externalId())
                            .roleSessionName("vigil-" + s.logSourceId()))
                    .build();
            provider = p;
            closer = () -> {
                p.close();
                sts.close();
            };
        } else {
            provider = StaticCredentialsProvider.create(c.sessionToken() != null
                    ? AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())
                    : AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
        }
        var s3 = S3Client.builder().region(region).credentialsProvider(provider).httpClient(UrlConnectionHttpClient.create());
        var sqs = SqsClient.builder().region(region).credentialsProvider(provider).httpClient(UrlConnectionHttpClient.create());
        if (s.endpoint() != null) {
            // S3-compatible stores: path-style, and checksums only where S3 requires them (S3Proxy and others do
            // not verify the SDK's default flexible checksums)
            s3.endpointOverride(URI.create(s.endpoint())).forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            if (s.queueUrl() != null) { // S3_POLL sources have no queue
                sqs.endpointOverride(URI.create(s.queueUrl()).resolve("/"));
            }
        }
        return new Clients(s3.build(), sqs.build(), closer);
    }

    private LogSourceState.Credentials open(LogSourceState s) {
        if (s.sealedCredentials() == null) {
            throw new IllegalStateException("the source has no credentials");
        }
        StackKeyCipher k = cipher.orElseThrow(() -> new IllegalStateException("this replica has no stack key to open credentials"));
        try {
            byte[] plain = k.open(s.sealedCredentials(), LogSourceState.credentialsPurpose(s.accountId(), s.logSourceId()));
            return Json.read(new String(plain, StandardCharsets.UTF_8), LogSourceState.Credentials.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the credentials do not open with this stack's key");
        }
    }
}
