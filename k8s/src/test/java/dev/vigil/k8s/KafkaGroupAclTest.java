package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every consumer group a service joins (each {@code group.id} of its {@code application.properties}, and the detector's
 * Kafka Streams application id) is allowed by a group ACL of the service's {@code KafkaUser}: on a cluster with
 * Strimzi's simple authorization a group without an ACL is refused at its first join, which no local stack (no ACLs)
 * shows. Per-replica groups ({@code ...-${quarkus.uuid}}) are checked by their fixed part against prefix ACLs.
 */
class KafkaGroupAclTest {

    private static final Pattern GROUP = Pattern.compile(
            "^(?:mp\\.messaging\\.incoming\\.[\\w.-]+\\.group\\.id|quarkus\\.kafka-streams\\.application-id)=(.+)$",
            Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "accounts-service", "findings-service", "detector-service"})
    void everyConsumerGroupOfTheServiceHasAnAcl(String service) throws IOException {
        String properties = Files.readString(Path.of("..", service, "src/main/resources/application.properties"));
        List<String> groups = new ArrayList<>();
        Matcher m = GROUP.matcher(properties);
        while (m.find()) {
            groups.add(m.group(1).trim());
        }
        assertThat(groups).as(service + " joins consumer groups").isNotEmpty();
        JsonNode user = Manifests.ofKind(Manifests.baseFiles(), "KafkaUser").stream()
                .filter(u -> Yaml.text(u, "/metadata/name").equals("vigil-" + service)).findFirst().orElseThrow();
        for (String group : groups) {
            int placeholder = group.indexOf("${");
            String fixed = placeholder < 0 ? group : group.substring(0, placeholder);
            boolean allowed = false;
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                if (!acl.at("/resource/type").asText().equals("group")) {
                    continue;
                }
                String name = acl.at("/resource/name").asText();
                allowed |= acl.at("/resource/patternType").asText().equals("prefix") ? fixed.startsWith(name)
                        : placeholder < 0 && group.equals(name);
            }
            assertThat(allowed).as("%s: consumer group %s has a group ACL in k8s/base/kafka/users.yaml", service, group)
                    .isTrue();
        }
    }
}
