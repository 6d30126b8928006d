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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every consumer group a service joins (each {@code group.id} of its {@code application.properties}, and the detector's
 * Kafka Streams application id) is allowed by a group ACL of the service's {@code KafkaUser}, and every transactional
 * ID it uses (ingest's log source reader: {@code vigil.sources.transactional-id}; the detector: its application id,
 * which Kafka Streams uses as the prefix of its transactional IDs under {@code exactly_once_v2}) by a
 * {@code transactionalId} ACL: on a cluster with Strimzi's simple authorization a group without an ACL is refused at
 * its first join and a transactional producer at {@code initTransactions}, which no local stack (no ACLs) shows.
 * Per-replica names ({@code ...-${quarkus.uuid}}) are checked by their fixed part against prefix ACLs.
 */
class KafkaGroupAclTest {

    private static final Pattern GROUP = Pattern.compile(
            "^(?:mp\\.messaging\\.incoming\\.[\\w.-]+\\.group\\.id|quarkus\\.kafka-streams\\.application-id)=(.+)$",
            Pattern.MULTILINE);
    private static final Pattern TRANSACTIONAL_ID = Pattern.compile(
            "^(?:vigil\\.sources\\.transactional-id|quarkus\\.kafka-streams\\.application-id)=(.+)$", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "accounts-service", "findings-service", "detector-service"})
    void everyConsumerGroupOfTheServiceHasAnAcl(String service) throws IOException {
        List<String> groups = values(service, GROUP);
        assertThat(groups).as(service + " joins consumer groups").isNotEmpty();
        for (String group : groups) {
            assertThat(allowed(service, "group", group))
                    .as("%s: consumer group %s has a group ACL in k8s/base/kafka/users.yaml", service, group).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "detector-service"})
    void everyTransactionalIdOfTheServiceHasAnAcl(String service) throws IOException {
        List<String> ids = values(service, TRANSACTIONAL_ID);
        assertThat(ids).as(service + " uses transactional IDs").isNotEmpty();
        for (String id : ids) {
            assertThat(allowed(service, "transactionalId", id))
                    .as("%s: transactional ID %s has a transactionalId ACL in k8s/base/kafka/users.yaml", service, id)
                    .isTrue();
        }
    }

    @Test
    void aTransactionalIdOutsideTheServicesPrefixIsNotAllowed() {
        assertThat(allowed("ingest-service", "transactionalId", "vigil-detector-0_1")).isFalse();
        assertThat(allowed("ingest-service", "group", "ingest-service-reader-x")).isTrue();
        assertThat(allowed("findings-service", "transactionalId", "ingest-service-reader-x")).isFalse();
    }

    /** The values of {@code pattern}'s property in the service's {@code application.properties} (no profile). */
    private static List<String> values(String service, Pattern pattern) throws IOException {
        String properties = Files.readString(Path.of("..", service, "src/main/resources/application.properties"));
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(properties);
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }

    /** Whether an ACL of the service's KafkaUser on resource {@code type} covers {@code name}. */
    private static boolean allowed(String service, String type, String name) {
        JsonNode user = Manifests.ofKind(Manifests.baseFiles(), "KafkaUser").stream()
                .filter(u -> Yaml.text(u, "/metadata/name").equals("vigil-" + service)).findFirst().orElseThrow();
        int placeholder = name.indexOf("${");
        String fixed = placeholder < 0 ? name : name.substring(0, placeholder);
        boolean allowed = false;
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            if (!acl.at("/resource/type").asText().equals(type)) {
                continue;
            }
            String aclName = acl.at("/resource/name").asText();
            allowed |= acl.at("/resource/patternType").asText().equals("prefix") ? fixed.startsWith(aclName)
                    : placeholder < 0 && name.equals(aclName);
        }
        return allowed;
    }
}
