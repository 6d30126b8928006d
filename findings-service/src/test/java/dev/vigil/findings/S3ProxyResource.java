package dev.vigil.findings;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** A real S3-compatible server for the tests: S3Proxy in-process with a filesystem backend and V4 authentication. */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    static final String ACCESS_KEY = "vigil-test-access";
    static final String SECRET_KEY = "vigil-test-secret-key";
    static volatile String endpoint;
    private S3Proxy proxy;
    private BlobStoreContext context;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("s3proxy");
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", dir.toString());
            context = ContextBuilder.newBuilder("filesystem").overrides(props).credentials("identity", "credential")
                    .build(BlobStoreContext.class);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            endpoint = "http://127.0.0.1:" + port;
            proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create(endpoint))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            for (int i = 0; i < 100 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(50);
            }
            return Map.of("vigil.export.s3-endpoint", endpoint, "vigil.export.s3-access-key", ACCESS_KEY,
                    "vigil.export.s3-secret-key", SECRET_KEY);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
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
    }
}
