package dev.vigil.ingest.parse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The shared real-log samples ({@code ../shared/samples} from the project root), found through the system property
 * {@code vigil.samples.dir} that the parent pom's surefire configuration sets. Tests that need them are skipped
 * with a clear message when the folder is absent.
 */
public final class Samples {

    private Samples() {
    }

    /** The samples folder; an assumption failure (test skipped) when it is absent. */
    public static Path dir() {
        String d = System.getProperty("vigil.samples.dir");
        assumeTrue(d != null && Files.isDirectory(Path.of(d)),
                "real-log samples not found at '" + d + "': run from the project root with ../shared/samples present"
                        + " (system property vigil.samples.dir)");
        return Path.of(d);
    }

    /** The bytes of a sample file (gunzipped when it ends in .gz). */
    public static byte[] read(String relative) {
        Path p = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(p), "sample file missing: " + p);
        try {
            if (relative.endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
