package dev.vigil.detector.streams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads the shared real-log samples (system property {@code vigil.samples.dir}, set by the build to
 * {@code ../shared/samples}). When the folder is absent the calling test is skipped with a message that says so.
 */
final class Samples {

    private Samples() {
    }

    /** The samples folder, or the test is aborted (skipped) with a clear message. */
    static Path dir() {
        String prop = System.getProperty("vigil.samples.dir");
        Path dir = prop == null ? null : Path.of(prop);
        boolean present = dir != null && Files.isDirectory(dir.resolve("cloudtrail"));
        if (!present) {
            String msg = "SAMPLES ABSENT: real-log samples not found at " + (prop == null
                    ? "(system property vigil.samples.dir is not set)" : dir.toAbsolutePath())
                    + "; the sample-based tests are SKIPPED. Set -Dvigil.samples.dir=<path to shared/samples>.";
            System.err.println(msg);
            Assumptions.abort(msg);
        }
        return dir;
    }

    /** One event of a sample file, with a label naming the file and the test case inside it. */
    record Case(String label, JsonNode event) {
    }

    /** What a sample file held: its events, the non-event documents skipped (digests), and parse errors. */
    record Loaded(List<Case> cases, int skipped, List<String> errors) {
    }

    /** Loads the CloudTrail events of a sample file (Records wrapper, arrays, JSON lines, rule-test wrappers, .gz). */
    static Loaded load(Path root, Path file) {
        String name = root.relativize(file).toString();
        List<Case> cases = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int[] skipped = {0};
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> docs = name.endsWith(".log") ? text.lines().filter(l -> !l.isBlank()).toList() : List.of(text);
            for (String doc : docs) {
                try {
                    extract(Json.MAPPER.readTree(doc), name, cases, skipped);
                } catch (IOException e) {
                    errors.add(name + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            errors.add(name + ": " + e.getMessage());
        }
        return new Loaded(cases, skipped[0], errors);
    }

    private static void extract(JsonNode n, String label, List<Case> out, int[] skipped) {
        if (n.isArray()) {
            n.forEach(e -> extract(e, label, out, skipped));
        } else if (n.has("Records")) {
            n.get("Records").forEach(e -> extract(e, label, out, skipped));
        } else if (n.has("tests")) {
            n.get("tests").forEach(t -> out.add(new Case(label + "#" + t.path("name").asText(), t.get("log"))));
        } else if (n.has("data")) {
            extract(n.get("data"), label + "#" + n.path("description").asText(), out, skipped);
        } else if (n.has("detail-type") && n.has("detail")) {
            extract(n.get("detail"), label, out, skipped);
        } else if (n.has("eventName") || n.has("eventType") || n.has("eventVersion")) {
            out.add(new Case(label, n));
        } else {
            skipped[0]++; // a digest file or another document that is not an event
        }
    }
}
