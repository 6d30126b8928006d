package dev.vigil.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loads the manifests of an overlay: rendered by {@code kubectl kustomize} when kubectl is on the PATH, otherwise
 * the raw files of {@code base/} (the overlay's patches, components and kustomize's labels and images are then not
 * applied, so the checks that need them are skipped by the tests).
 */
final class Manifests {

    /** The module directory ({@code k8s/}): surefire runs with it as the working directory. */
    static final Path ROOT = Path.of("").toAbsolutePath();
    /** Overlays that must render and pass the invariants: every folder of {@code overlays/}. */
    static final List<String> OVERLAYS = folders("overlays");
    /** Components: every folder of {@code components/}, each rendered on top of the base. */
    static final List<String> COMPONENTS = folders("components");

    private static final Map<String, List<JsonNode>> CACHE = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** Whether {@code kubectl} is an executable on the PATH. */
    static boolean kubectlAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    /** The rendered documents of {@code overlays/<overlay>}; requires kubectl (check {@link #kubectlAvailable()}). */
    static List<JsonNode> rendered(String overlay) {
        return CACHE.computeIfAbsent(overlay, o -> Yaml.readAll(kustomize(ROOT.resolve("overlays").resolve(o))));
    }

    /**
     * The rendered documents of {@code overlays/<name>} or, for {@code components/<name>}, of the base with that
     * component (a probe kustomization under {@code target/render/}); requires kubectl.
     */
    static List<JsonNode> renderedSource(String source) {
        if (source.startsWith("overlays/")) {
            return rendered(source.substring("overlays/".length()));
        }
        String component = source.substring("components/".length());
        return CACHE.computeIfAbsent(source, s -> {
            Path probe = ROOT.resolve("target/render/component-" + component);
            try {
                Files.createDirectories(probe);
                Files.writeString(probe.resolve("kustomization.yaml"), """
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        resources: [../../../base]
                        components: [../../../components/%s]
                        """.formatted(component));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Yaml.readAll(kustomize(probe));
        });
    }

    /** {@code overlays/<name>} for every overlay and {@code components/<name>} for every component. */
    static List<String> allSources() {
        List<String> sources = new ArrayList<>();
        OVERLAYS.forEach(o -> sources.add("overlays/" + o));
        COMPONENTS.forEach(c -> sources.add("components/" + c));
        return sources;
    }

    private static List<String> folders(String parent) {
        try (Stream<Path> dirs = Files.list(ROOT.resolve(parent))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw documents of every YAML file under {@code base/} except kustomization files. */
    static List<JsonNode> baseFiles() {
        return CACHE.computeIfAbsent("<base-files>", k -> {
            try (Stream<Path> files = Files.walk(ROOT.resolve("base"))) {
                List<JsonNode> docs = new ArrayList<>();
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml"))
                        .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                    docs.addAll(Yaml.readAll(Files.readString(f)));
                }
                return docs;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs {@code kubectl kustomize dir} and returns its standard output; fails on a non-zero exit. */
    static String kustomize(Path dir) {
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " timed out");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Documents of one kind. */
    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    /** The document of a kind and name, or {@code null}. */
    static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream().filter(d -> name.equals(Yaml.text(d, "/metadata/name"))).findFirst()
                .orElse(null);
    }

    /** {@code kind/name} of a document, for messages. */
    static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + Yaml.text(doc, "/metadata/name");
    }
}
