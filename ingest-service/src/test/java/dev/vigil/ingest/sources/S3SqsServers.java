package dev.vigil.ingest.sources;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

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
