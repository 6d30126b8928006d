package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KeycloakRealmImport is generated from the realm file and equal to it (one source of truth).
 * Real: the committed files. Set {@code -Dvigil.k8s.regenerate=true} to rewrite them first.
 */
class RealmImportTest {

    private static final Path ROOT = Manifests.ROOT;

    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (Boolean.getBoolean("vigil.k8s.regenerate")) {
            RealmImportGenerator.main(new String[] {ROOT.toString()});
        }
    }

    @Test
    void committedRealmImportIsTheGeneratorOutput() throws IOException {
        assertThat(Files.readString(ROOT.resolve(RealmImportGenerator.REALM_IMPORT_YAML)))
                .as("base/keycloak/realm-import.yaml is stale: run k8s/generate-realm-import.sh")
                .isEqualTo(RealmImportGenerator.realmImport(ROOT));
        assertThat(Files.readString(ROOT.resolve(RealmImportGenerator.DEV_PATCH_YAML)))
                .as("overlays/dev/realm-demo-users.yaml is stale: run k8s/generate-realm-import.sh")
                .isEqualTo(RealmImportGenerator.devPatch(ROOT));
    }

    @Test
    void realmOfTheCustomResourceEqualsTheRealmFile() throws IOException {
        JsonNode cr = single(ROOT.resolve(RealmImportGenerator.REALM_IMPORT_YAML));
        JsonNode json = Yaml.JSON.readTree(ROOT.resolve(RealmImportGenerator.REALM_JSON).toFile());
        assertThat(cr.at("/spec/realm")).isEqualTo(json);
        assertThat(cr.at("/spec/keycloakCRName").asText()).isEqualTo(RealmImportGenerator.KEYCLOAK_CR);
        assertThat(cr.at("/spec/realm/realm").asText()).isEqualTo("vigil");
    }

    @Test
    void everyPlaceholderIsFedFromTheClientsSecretAndNoSecretIsCommitted() throws IOException {
        String realmText = Files.readString(ROOT.resolve(RealmImportGenerator.REALM_JSON));
        JsonNode cr = single(ROOT.resolve(RealmImportGenerator.REALM_IMPORT_YAML));
        List<String> names = RealmImportGenerator.placeholders(realmText).stream().toList();
        assertThat(names).contains("VIGIL_COLLECTOR_CLIENT_SECRET", "VIGIL_FINDINGS_SERVICE_CLIENT_SECRET");
        assertThat(cr.at("/spec/placeholders").size()).isEqualTo(names.size());
        for (String name : names) {
            assertThat(cr.at("/spec/placeholders/" + name + "/secret/name").asText())
                    .isEqualTo(RealmImportGenerator.PLACEHOLDER_SECRET);
            assertThat(cr.at("/spec/placeholders/" + name + "/secret/key").asText()).isEqualTo(name);
        }
        // Every confidential client's secret is a placeholder, never a literal.
        for (JsonNode client : cr.at("/spec/realm/clients")) {
            if (client.has("secret")) {
                assertThat(client.get("secret").asText()).as(client.path("clientId").asText()).matches("\\$\\{VIGIL_[A-Z_]+}");
            }
        }
        assertThat(cr.at("/spec/realm/users").findValues("credentials")).as("no passwords in the base realm").isEmpty();
    }

    @Test
    void devPatchAddsTheDemoUsersAfterTheRealmUsers() throws IOException {
        JsonNode patch = single(ROOT.resolve(RealmImportGenerator.DEV_PATCH_YAML));
        JsonNode realmUsers = Yaml.JSON.readTree(ROOT.resolve(RealmImportGenerator.REALM_JSON).toFile()).path("users");
        JsonNode users = patch.at("/spec/realm/users");
        assertThat(users.size()).isGreaterThan(realmUsers.size());
        for (int i = 0; i < realmUsers.size(); i++) {
            assertThat(users.get(i)).isEqualTo(realmUsers.get(i));
        }
        assertThat(users.findValuesAsText("username")).contains("admin-111", "analyst-111", "ingest-111");
    }

    private static JsonNode single(Path file) throws IOException {
        List<JsonNode> docs = Yaml.readAll(Files.readString(file));
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }
}
