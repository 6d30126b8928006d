package dev.vigil.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the Keycloak Operator's {@code KeycloakRealmImport} from the realm file, so that
 * {@code base/keycloak/vigil-realm.json} (shared with the local stack) stays the one source of truth.
 *
 * <p>Outputs: {@code base/keycloak/realm-import.yaml} (the realm as is; every {@code ${VIGIL_*}} placeholder is fed
 * by the operator from key {@code VIGIL_*} of Secret {@value #PLACEHOLDER_SECRET}) and
 * {@code overlays/dev/realm-demo-users.yaml} (a patch whose {@code users} are the realm's plus the demo identities
 * of {@code stack/keycloak/demo-users.json}). Run {@code k8s/generate-realm-import.sh} after editing either JSON file;
 * {@link RealmImportTest} fails while the YAML is stale.
 */
public final class RealmImportGenerator {

    /** Secret holding the values of the realm's {@code ${VIGIL_*}} placeholders, one key per placeholder. */
    static final String PLACEHOLDER_SECRET = "vigil-oidc-clients";
    /** Name of the Keycloak CR (base/keycloak/keycloak.yaml). */
    static final String KEYCLOAK_CR = "vigil-keycloak";
    /** Environment-style placeholders of the realm file; {@code ${username}} and friends are Keycloak's own. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(VIGIL_[A-Z0-9_]+)}");

    static final Path REALM_JSON = Path.of("base/keycloak/vigil-realm.json");
    static final Path DEMO_USERS_JSON = Path.of("../stack/keycloak/demo-users.json");
    static final Path REALM_IMPORT_YAML = Path.of("base/keycloak/realm-import.yaml");
    static final Path DEV_PATCH_YAML = Path.of("overlays/dev/realm-demo-users.yaml");

    private static final String HEADER = "# GENERATED from %s by dev.vigil.k8s.RealmImportGenerator: do not edit.\n"
            + "# Regenerate with k8s/generate-realm-import.sh (RealmImportTest fails while this file is stale).\n";

    private RealmImportGenerator() {
    }

    /** Writes both generated files under {@code k8sRoot}. */
    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("");
        Files.writeString(root.resolve(REALM_IMPORT_YAML), realmImport(root));
        Files.writeString(root.resolve(DEV_PATCH_YAML), devPatch(root));
    }

    /** Placeholder names (without {@code ${}}) used in the realm text, sorted. */
    static Set<String> placeholders(String realmText) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(realmText);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The text of {@code base/keycloak/realm-import.yaml}. */
    static String realmImport(Path root) throws IOException {
        String realmText = Files.readString(root.resolve(REALM_JSON));
        JsonNode realm = Yaml.JSON.readTree(realmText);
        ObjectNode cr = header("vigil");
        ObjectNode spec = cr.putObject("spec");
        spec.put("keycloakCRName", KEYCLOAK_CR);
        ObjectNode ph = spec.putObject("placeholders");
        for (String name : placeholders(realmText)) {
            ObjectNode secret = ph.putObject(name).putObject("secret");
            secret.put("name", PLACEHOLDER_SECRET);
            secret.put("key", name);
        }
        spec.set("realm", realm);
        return HEADER.formatted("k8s/" + REALM_JSON) + Yaml.YAML.writeValueAsString(cr);
    }

    /** The text of {@code overlays/dev/realm-demo-users.yaml}. */
    static String devPatch(Path root) throws IOException {
        ObjectNode cr = header("vigil");
        cr.putObject("spec").putObject("realm").set("users", devUsers(root));
        return HEADER.formatted("k8s/" + REALM_JSON + " and stack/keycloak/demo-users.json")
                + "# Demo identities (ARCHITECTURE.md): the dev overlay only, never prod.\n"
                + Yaml.YAML.writeValueAsString(cr);
    }

    /** The realm's users followed by the demo users. */
    static ArrayNode devUsers(Path root) throws IOException {
        ArrayNode users = Yaml.JSON.createArrayNode();
        users.addAll((ArrayNode) Yaml.JSON.readTree(root.resolve(REALM_JSON).toFile()).path("users"));
        users.addAll((ArrayNode) Yaml.JSON.readTree(root.resolve(DEMO_USERS_JSON).toFile()).path("users"));
        return users;
    }

    private static ObjectNode header(String name) {
        ObjectNode cr = Yaml.object();
        cr.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        cr.put("kind", "KeycloakRealmImport");
        ObjectNode md = cr.putObject("metadata");
        md.put("name", name);
        ObjectNode labels = md.putObject("labels");
        labels.put("app.kubernetes.io/name", KEYCLOAK_CR);
        labels.put("app.kubernetes.io/component", "identity");
        return cr;
    }
}
