package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each service's {@code src/main/docker/Dockerfile.jvm} runs as the numeric non-root user that the pods declare,
 * on a pinned base image, listening on the port the manifests probe. Real: the committed files.
 */
class DockerfileTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");

    @Test
    void everyServiceImageRunsAsTheNumericNonRootUserOfItsPodOnAPinnedBase() throws IOException {
        List<JsonNode> base = Manifests.baseFiles();
        for (String svc : K8sManifestsTest.SERVICES) {
            Path dockerfile = Manifests.ROOT.resolveSibling(svc).resolve("src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).as(svc).isRegularFile();
            String text = Files.readString(dockerfile);

            Matcher from = FROM.matcher(text);
            assertThat(from.find()).as(svc + " FROM").isTrue();
            String image = from.group(1);
            assertThat(image).as(svc).matches(".+/ubi9/openjdk-17-runtime:[0-9][0-9.]*");

            Matcher user = USER.matcher(text);
            String lastUser = null;
            while (user.find()) {
                lastUser = user.group(1);
            }
            assertThat(lastUser).as(svc + " USER").matches("[1-9][0-9]*");

            JsonNode workload = K8sManifestsTest.workloads(base).stream()
                    .filter(w -> svc.equals(Yaml.text(w, "/metadata/name"))).findFirst().orElseThrow();
            assertThat(workload.at("/spec/template/spec/securityContext/runAsUser").asText()).isEqualTo(lastUser);
            assertThat(text).contains("EXPOSE 8080", "ENV QUARKUS_HTTP_PORT=8080", "quarkus-app/lib/");
        }
    }
}
