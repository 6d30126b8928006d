package dev.vigil.ingest.sources;

import dev.vigil.events.AccountState;
import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import dev.vigil.ingest.messaging.AccountDirectory;
import dev.vigil.web.sigv4.StackKeyCipher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real S3- and SQS-compatible servers in-process for the reader's tests: S3Proxy (filesystem backend, SigV4 with
 * {@link #ACCESS_KEY}) and ElasticMQ (its SQS REST server, which accepts any credentials), each on a free loopback port.
 */
public class S3SqsServers implements QuarkusTestResourceLifecycleManager {

    static final String ACCESS_KEY = "AKIAVIGILTESTSOURCE1";
    static final String SECRET_KEY = "vigil-test-source-secret-key";
    static volatile String s3Endpoint;
    static volatile String sqsEndpoint;
    private S3Proxy proxy;
    private BlobStoreContext context;
    private SQSRestServer sqs;

    /** An S3 client of the in-process S3Proxy (path-style, checksums only where required, as the reader's). */
    static S3Client s3Client() {
        return S3Client.builder().region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .endpointOverride(URI.create(s3Endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An SQS client of the in-process ElasticMQ. */
    static SqsClient sqsClient() {
        return SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .endpointOverride(URI.create(sqsEndpoint)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** This server's keys sealed with {@code stackKey} for source {@code id} of {@code account}, as accounts-service seals. */
    static String sealedKeys(String stackKey, String account, String id) {
        LogSourceState.Credentials c = new LogSourceState.Credentials(null, null, ACCESS_KEY, SECRET_KEY, null);
        return StackKeyCipher.fromBase64(stackKey).seal(Json.write(c).getBytes(StandardCharsets.UTF_8),
                LogSourceState.credentialsPurpose(account, id));
    }

    /** Sends {@code account} with an enabled detector in us-east-1 on the in-memory account-state channel. */
    static void enableAccount(InMemoryConnector connector, String account) {
        AccountState st = new AccountState(AccountState.SCHEMA_VERSION, account, System.nanoTime(),
                List.of(new AccountState.Detector("d" + account, "us-east-1", "ENABLED", "SIX_HOURS", true, true, true, 0L)),
                null, List.of(), 0L);
        connector.source(AccountDirectory.CHANNEL).send(Record.of(account, Json.write(st)));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("s3proxy");
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", dir.toString());
            context = ContextBuilder.newBuilder("filesystem").overrides(props).credentials("identity", "credential")
                    .build(BlobStoreContext.class);
            s3Endpoint = "http://127.0.0.1:" + freePort();
            proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create(s3Endpoint))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            for (int i = 0; i < 100 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(50);
            }
            int port = freePort();
            sqs = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).start();
            sqs.waitUntilStarted();
            sqsEndpoint = "http://127.0.0.1:" + port;
            return Map.of();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy and ElasticMQ", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            // shutting down anyway
        }
        if (context != null) {
            context.close();
        }
        if (sqs != null) {
            sqs.stopAndWait();
        }
    }
}
