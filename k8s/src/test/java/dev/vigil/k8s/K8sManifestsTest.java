package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of every overlay, checked on the output of {@code kubectl kustomize overlays/<name>} (or, without
 * kubectl, on the raw base files: then the overlay-specific checks are skipped with an assumption message).
 * Real: the manifests and the events contract ({@link Topics#ALL}); nothing is mocked.
 */
class K8sManifestsTest {

    /** The services that use Kafka (the web console, console-service, uses neither Kafka nor a database). */
    static final List<String> SERVICES = List.of("ingest-service", "accounts-service", "detector-service",
            "findings-service");
    private static final Pattern SEMVER_TAG = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+([-.][0-9A-Za-z.]+)?");

    /** Overlay names, or the single pseudo-overlay {@code base-files} when kubectl is missing. */
    static List<String> sources() {
        return Manifests.kubectlAvailable() ? Manifests.OVERLAYS : List.of("base-files");
    }

    static List<JsonNode> docs(String source) {
        return source.equals("base-files") ? Manifests.baseFiles() : Manifests.rendered(source);
    }

    static boolean rendered(String source) {
        return !source.equals("base-files");
    }

    static List<JsonNode> workloads(List<JsonNode> docs) {
        List<JsonNode> w = new ArrayList<>(Manifests.ofKind(docs, "Deployment"));
        w.addAll(Manifests.ofKind(docs, "StatefulSet"));
        return w;
    }

    @Test
    void kubectlRendersEveryOverlay() {
        assumeTrue(Manifests.kubectlAvailable(),
                "kubectl is not on the PATH: overlays not rendered, checks run on the raw base files only");
        for (String overlay : Manifests.OVERLAYS) {
            assertThat(Manifests.rendered(overlay)).as(overlay).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void everyServiceHasItsDeploymentServiceServiceAccountAndConfigMap(String source) {
        List<JsonNode> docs = docs(source);
        for (String s : SERVICES) {
            String workloadKind = s.equals("detector-service") ? "StatefulSet" : "Deployment";
            assertThat(Manifests.find(docs, workloadKind, s)).as(workloadKind + "/" + s).isNotNull();
            assertThat(Manifests.find(docs, "Service", s)).as("Service/" + s).isNotNull();
            assertThat(Manifests.find(docs, "ServiceAccount", s)).as("ServiceAccount/" + s).isNotNull();
            JsonNode cm = Manifests.find(docs, "ConfigMap", s);
            assertThat(cm).as("ConfigMap/" + s).isNotNull();
            assertThat(cm.at("/data/QUARKUS_HTTP_PORT").asText()).isEqualTo("8080");
            assertThat(cm.at("/data/KAFKA_BOOTSTRAP_SERVERS").asText()).endsWith("-kafka-bootstrap:9093");
            assertThat(cm.at("/data/QUARKUS_OIDC_AUTH_SERVER_URL").asText()).endsWith("/realms/vigil");
        }
        for (JsonNode w : workloads(docs)) {
            JsonNode pod = w.at("/spec/template/spec");
            assertThat(Manifests.find(docs, "ServiceAccount", pod.path("serviceAccountName").asText()))
                    .as(Manifests.id(w) + " serviceAccountName").isNotNull();
            for (String cm : pod.findValues("configMapRef").stream().map(r -> r.path("name").asText()).toList()) {
                assertThat(Manifests.find(docs, "ConfigMap", cm)).as(Manifests.id(w) + " envFrom " + cm).isNotNull();
            }
        }
        assertThat(Manifests.find(docs, "ConfigMap", "accounts-service").at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText())
                .endsWith("/vigil?currentSchema=accounts");
        // findings-service runs on JDBC only (findings-service/README.md): no reactive URL to mislead an operator
        JsonNode findings = Manifests.find(docs, "ConfigMap", "findings-service");
        assertThat(findings.at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText()).endsWith("/vigil?currentSchema=findings");
        assertThat(findings.at("/data/QUARKUS_DATASOURCE_REACTIVE_URL").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("sources")
    void everyContainerHasProbesResourcesAndARestrictedSecurityContext(String source) {
        List<JsonNode> workloads = workloads(docs(source));
        assertThat(workloads).hasSize(SERVICES.size() + 1); // the four services and the web console
        for (JsonNode w : workloads) {
            String id = Manifests.id(w);
            JsonNode pod = w.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(id + " runAsNonRoot").isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).as(id + " runAsUser").isPositive();
            assertThat(Yaml.text(pod, "/securityContext/seccompProfile/type")).as(id).isEqualTo("RuntimeDefault");
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(id + " SA token").isFalse();
            Set<String> emptyDirs = new HashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            for (JsonNode c : pod.path("containers")) {
                String cid = id + " container " + c.path("name").asText();
                assertThat(Yaml.text(c, "/startupProbe/httpGet/path")).as(cid).isEqualTo("/q/health/started");
                assertThat(Yaml.text(c, "/livenessProbe/httpGet/path")).as(cid).isEqualTo("/q/health/live");
                assertThat(Yaml.text(c, "/readinessProbe/httpGet/path")).as(cid).isEqualTo("/q/health/ready");
                for (String p : List.of("/resources/requests/cpu", "/resources/requests/memory",
                        "/resources/limits/cpu", "/resources/limits/memory")) {
                    assertThat(Yaml.text(c, p)).as(cid + p).isNotBlank();
                }
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(cid).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).as(cid).isFalse();
                assertThat(sc.path("privileged").asBoolean(false)).as(cid).isFalse();
                assertThat(sc.at("/capabilities/drop").toString()).as(cid).isEqualTo("[\"ALL\"]");
                assertThat(c.path("volumeMounts").findValuesAsText("mountPath")).as(cid).contains("/tmp");
                String tmpVolume = null;
                for (JsonNode m : c.path("volumeMounts")) {
                    if (m.path("mountPath").asText().equals("/tmp")) {
                        tmpVolume = m.path("name").asText();
                    }
                }
                assertThat(emptyDirs).as(cid + " /tmp is an emptyDir").contains(tmpVolume);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void deploymentsRollWithoutDowntimeAndDetectorKeepsStateOnAVolume(String source) {
        List<JsonNode> docs = docs(source);
        for (JsonNode d : Manifests.ofKind(docs, "Deployment")) {
            assertThat(d.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1)).as(Manifests.id(d)).isZero();
        }
        JsonNode detector = Manifests.find(docs, "StatefulSet", "detector-service");
        int replicas = detector.at("/spec/replicas").asInt(1);
        assertThat(replicas).as("detector replicas bounded by the input partitions").isBetween(1, Topics.LOG_PARTITIONS);
        String stateDir = Manifests.find(docs, "ConfigMap", "detector-service").at("/data/VIGIL_STATE_DIR").asText();
        assertThat(stateDir).startsWith("/");
        Set<String> claims = new HashSet<>(detector.at("/spec/volumeClaimTemplates").findValuesAsText("name"));
        JsonNode mount = null;
        for (JsonNode m : detector.at("/spec/template/spec/containers/0/volumeMounts")) {
            if (m.path("mountPath").asText().equals(stateDir)) {
                mount = m;
            }
        }
        assertThat(mount).as("detector mounts its state dir").isNotNull();
        assertThat(claims).as("state dir is a PersistentVolumeClaim").contains(mount.path("name").asText());
    }

    @ParameterizedTest
    @MethodSource("sources")
    void imagesArePinnedAndNeverLatest(String source) {
        assumeTrue(rendered(source), "images: transformer not applied without kubectl");
        for (JsonNode w : workloads(docs(source))) {
            for (JsonNode c : w.at("/spec/template/spec/containers")) {
                String image = c.path("image").asText();
                assertThat(image).as(Manifests.id(w)).doesNotEndWith(":latest").contains("/vigil/");
                String tag = image.substring(image.lastIndexOf(':') + 1);
                assertThat(image.lastIndexOf(':')).as(image + " has a tag").isGreaterThan(image.lastIndexOf('/'));
                assertThat(tag).as(image).matches(SEMVER_TAG);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void kafkaTopicsMatchTheContractBothWays(String source) {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode t : Manifests.ofKind(docs(source), "KafkaTopic")) {
            String name = t.at("/spec/topicName").asText(Yaml.text(t, "/metadata/name"));
            assertThat(topics.put(name, t)).as("duplicate KafkaTopic " + name).isNull();
            assertThat(Yaml.text(t, "/metadata/labels/strimzi.io~1cluster")).isEqualTo("vigil-kafka");
        }
        Set<String> inCode = Topics.ALL.stream().map(Topics.TopicSpec::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(topics.keySet())).as("KafkaTopics == Topics.ALL").isEqualTo(inCode);
        for (Topics.TopicSpec spec : Topics.ALL) {
            JsonNode t = topics.get(spec.name());
            assertThat(t.at("/spec/partitions").asInt()).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(t.at("/spec/config/cleanup.policy").asText()).as(spec.name()).isEqualTo(spec.cleanupPolicy());
            assertThat(t.at("/spec/config/retention.ms").asLong()).as(spec.name()).isEqualTo(spec.retentionMs());
            spec.configs().forEach((k, v) -> assertThat(t.at("/spec/config/" + k).asText()).as(spec.name() + " " + k)
                    .isEqualTo(v));
            int replicas = t.at("/spec/replicas").asInt();
            assertThat(t.at("/spec/config/min.insync.replicas").asInt()).as(spec.name()).isBetween(1, replicas);
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void kafkaUserAclsNameOnlyExistingTopicsAndEveryTopicIsUsed(String source) {
        List<JsonNode> docs = docs(source);
        Set<String> topicNames = Topics.ALL.stream().map(Topics.TopicSpec::name).collect(Collectors.toSet());
        Set<String> used = new HashSet<>();
        List<JsonNode> users = Manifests.ofKind(docs, "KafkaUser");
        assertThat(users).hasSize(SERVICES.size());
        for (JsonNode u : users) {
            for (JsonNode acl : u.at("/spec/authorization/acls")) {
                if (!acl.at("/resource/type").asText().equals("topic")) {
                    continue;
                }
                String name = acl.at("/resource/name").asText();
                if (acl.at("/resource/patternType").asText().equals("prefix")) {
                    assertThat(name).as("only Kafka Streams internal topics by prefix").isEqualTo("vigil-detector-");
                } else {
                    assertThat(topicNames).as(Manifests.id(u) + " ACL on an unknown topic").contains(name);
                    used.add(name);
                }
            }
            String secret = Yaml.text(u, "/metadata/name");
            boolean referenced = workloads(docs).stream().anyMatch(w -> secretReferences(List.of(w)).contains(secret));
            assertThat(referenced).as("a service reads the Secret of " + secret).isTrue();
        }
        assertThat(used).as("every KafkaTopic is read or written by some service").isEqualTo(topicNames);
    }

    @ParameterizedTest
    @MethodSource("sources")
    void everySecretReferenceExistsOrIsDocumented(String source) throws IOException {
        List<JsonNode> docs = docs(source);
        Set<String> defined = Manifests.ofKind(docs, "Secret").stream().map(s -> Yaml.text(s, "/metadata/name"))
                .collect(Collectors.toSet());
        Set<String> referenced = new TreeSet<>(secretReferences(docs));
        assertThat(referenced).contains("vigil-kafka-cluster-ca-cert", "accounts-db-app", "vigil-oidc-clients");
        String readme = Files.readString(Manifests.ROOT.resolve("README.md"));
        for (String name : referenced) {
            assertThat(defined.contains(name) || readme.contains("`" + name + "`"))
                    .as("Secret " + name + " is neither in the manifests nor documented in k8s/README.md").isTrue();
        }
        assertThat(defined).as("no Secret is committed").isEmpty();
    }

    /** Names of Secrets referenced by pods, the Keycloak CRs and the Gateway. */
    static List<String> secretReferences(List<JsonNode> docs) {
        List<String> names = new ArrayList<>();
        for (JsonNode d : docs) {
            d.findValues("secretKeyRef").forEach(r -> names.add(r.path("name").asText()));
            d.findValues("secretRef").forEach(r -> names.add(r.path("name").asText()));
            d.findValues("secret").forEach(r -> {
                if (r.has("secretName")) {
                    names.add(r.get("secretName").asText());
                } else if (r.isObject() && r.has("name")) {
                    names.add(r.get("name").asText());
                }
            });
            d.findValues("usernameSecret").forEach(r -> names.add(r.path("name").asText()));
            d.findValues("passwordSecret").forEach(r -> names.add(r.path("name").asText()));
            d.findValues("tlsSecret").forEach(r -> names.add(r.asText()));
            d.findValues("certificateRefs").forEach(refs -> refs.forEach(r -> names.add(r.path("name").asText())));
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("sources")
    void everyResourceCarriesTheKubernetesRecommendedLabels(String source) {
        List<JsonNode> docs = docs(source);
        for (JsonNode d : docs) {
            assertThat(Yaml.text(d, "/metadata/labels/app.kubernetes.io~1name")).as(Manifests.id(d)).isNotBlank();
            if (rendered(source)) {
                assertThat(Yaml.text(d, "/metadata/labels/app.kubernetes.io~1part-of")).as(Manifests.id(d))
                        .isEqualTo("vigil");
            }
        }
        for (JsonNode w : workloads(docs)) {
            String name = Yaml.text(w, "/metadata/name");
            assertThat(Yaml.text(w, "/spec/template/metadata/labels/app.kubernetes.io~1name")).isEqualTo(name);
            assertThat(Yaml.text(w, "/spec/selector/matchLabels/app.kubernetes.io~1name")).isEqualTo(name);
            if (rendered(source)) {
                assertThat(Yaml.text(w, "/spec/template/metadata/labels/app.kubernetes.io~1part-of"))
                        .as(name + " pod template").isEqualTo("vigil");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void servicesAndRoutesPointAtExistingBackends(String source) {
        List<JsonNode> docs = docs(source);
        Set<String> podNames = workloads(docs).stream()
                .map(w -> Yaml.text(w, "/spec/template/metadata/labels/app.kubernetes.io~1name")).collect(Collectors.toSet());
        for (JsonNode s : Manifests.ofKind(docs, "Service")) {
            assertThat(podNames).as(Manifests.id(s) + " selects a workload")
                    .contains(Yaml.text(s, "/spec/selector/app.kubernetes.io~1name"));
        }
        Set<String> services = Manifests.ofKind(docs, "Service").stream().map(s -> Yaml.text(s, "/metadata/name"))
                .collect(Collectors.toSet());
        services.add("vigil-keycloak-service"); // created by the Keycloak Operator
        for (JsonNode r : Manifests.ofKind(docs, "HTTPRoute")) {
            for (String backend : r.at("/spec/rules").findValuesAsText("name")) {
                assertThat(services).as(Manifests.id(r)).contains(backend);
            }
        }
    }

    @Test
    void prodHasReplicasDisruptionBudgetsAutoscalersNetworkPoliciesAndMonitors() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH: prod overlay not rendered");
        List<JsonNode> docs = Manifests.rendered("prod");
        for (String s : SERVICES) {
            JsonNode w = workloads(docs).stream().filter(d -> s.equals(Yaml.text(d, "/metadata/name"))).findFirst()
                    .orElseThrow();
            assertThat(w.at("/spec/replicas").asInt()).as(s + " replicas").isGreaterThanOrEqualTo(2);
            JsonNode pdb = Manifests.find(docs, "PodDisruptionBudget", s);
            assertThat(pdb).as("PDB " + s).isNotNull();
            assertThat(Yaml.text(pdb, "/spec/selector/matchLabels/app.kubernetes.io~1name")).isEqualTo(s);
            JsonNode sm = Manifests.find(docs, "ServiceMonitor", s);
            assertThat(sm).as("ServiceMonitor " + s).isNotNull();
            assertThat(sm.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
            JsonNode np = Manifests.find(docs, "NetworkPolicy", s);
            assertThat(np).as("NetworkPolicy " + s).isNotNull();
            assertThat(np.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        }
        for (String s : List.of("ingest-service", "findings-service")) {
            JsonNode hpa = Manifests.find(docs, "HorizontalPodAutoscaler", s);
            assertThat(hpa).as("HPA " + s).isNotNull();
            assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(Yaml.text(hpa, "/spec/scaleTargetRef/name")).isEqualTo(s);
        }
        assertThat(Manifests.find(docs, "HorizontalPodAutoscaler", "findings-service").at("/spec/maxReplicas").asInt())
                .isLessThanOrEqualTo(Topics.LOG_PARTITIONS);
        JsonNode denyAll = Manifests.find(docs, "NetworkPolicy", "default-deny-ingress");
        assertThat(denyAll.at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(denyAll.has("ingress")).isFalse();
        JsonNode denyEgress = Manifests.find(docs, "NetworkPolicy", "default-deny-egress-services");
        assertThat(denyEgress.has("egress")).isFalse();
        assertThat(denyEgress.at("/spec/podSelector/matchExpressions/0/values").toString())
                .contains(SERVICES.toArray(String[]::new));
    }

    @Test
    void prodNetworkPoliciesAllowEachServiceOnlyItsOwnDatabaseAndKafkaOnlyToTheServices() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH: prod overlay not rendered");
        List<JsonNode> docs = Manifests.rendered("prod");
        Map<String, String> ownDb = Map.of("accounts-service", "accounts-db", "findings-service", "findings-db");
        for (String s : SERVICES) {
            JsonNode egress = Manifests.find(docs, "NetworkPolicy", s).at("/spec/egress");
            Set<String> dbs = new TreeSet<>(egress.findValuesAsText("cnpg.io/cluster"));
            assertThat(dbs).as(s + " databases").isEqualTo(ownDb.containsKey(s) ? Set.of(ownDb.get(s)) : Set.of());
            assertThat(egress.findValuesAsText("strimzi.io/cluster")).as(s + " reaches Kafka").contains("vigil-kafka");
            assertThat(egress.findValues("port").stream().map(JsonNode::asInt).toList()).as(s)
                    .contains(9093).doesNotContain(9091, 9090);
        }
        ownDb.forEach((service, db) -> {
            JsonNode ingress = Manifests.find(docs, "NetworkPolicy", db).at("/spec/ingress");
            assertThat(ingress.findValuesAsText("app.kubernetes.io/name")).as(db + " clients").containsExactly(service);
        });
        JsonNode listener = Manifests.find(docs, "Kafka", "vigil-kafka").at("/spec/kafka/listeners/0/networkPolicyPeers");
        assertThat(listener.at("/0/podSelector/matchExpressions/0/values").toString())
                .isEqualTo(Yaml.JSON.valueToTree(SERVICES).toString());
    }

    @Test
    void devIsSmallAndCarriesTheDemoIdentitiesWhileProdDoesNot() throws IOException {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH: overlays not rendered");
        JsonNode realmFile = Yaml.JSON.readTree(Manifests.ROOT.resolve(RealmImportGenerator.REALM_JSON).toFile());
        JsonNode prodRealm = Manifests.find(Manifests.rendered("prod"), "KeycloakRealmImport", "vigil").at("/spec/realm");
        assertThat(prodRealm).as("rendered prod realm == vigil-realm.json").isEqualTo(realmFile);
        List<JsonNode> dev = Manifests.rendered("dev");
        JsonNode devRealm = Manifests.find(dev, "KeycloakRealmImport", "vigil").at("/spec/realm");
        assertThat(devRealm.path("users")).isEqualTo(RealmImportGenerator.devUsers(Manifests.ROOT));
        assertThat(devRealm.path("clients")).isEqualTo(realmFile.path("clients"));
        for (JsonNode t : Manifests.ofKind(dev, "KafkaTopic")) {
            assertThat(t.at("/spec/replicas").asInt()).isEqualTo(1);
        }
        assertThat(Manifests.find(dev, "KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(Manifests.ofKind(dev, "NetworkPolicy")).isEmpty();
    }
}
