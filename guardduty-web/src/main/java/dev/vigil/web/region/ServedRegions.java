package dev.vigil.web.region;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The regions a deployment serves (issue 23, defect 7: per-region quotas need an overall bound): {@code vigil.regions}
 * when set, else AWS's public regions as shipped in {@code aws-regions.txt} (source and date in the file). The
 * default region ({@code vigil.default-region}) is always served.
 */
@Singleton
public class ServedRegions {

    private final Set<String> regions;

    /** The served regions from configuration. */
    public ServedRegions(@ConfigProperty(name = "vigil.regions") Optional<List<String>> configured,
            @ConfigProperty(name = "vigil.default-region", defaultValue = "us-east-1") String defaultRegion) {
        Set<String> out = new TreeSet<>(configured.filter(l -> !l.isEmpty()).orElseGet(ServedRegions::awsPublicRegions));
        out.add(defaultRegion);
        this.regions = Set.copyOf(out);
    }

    /** Whether {@code region} is served. */
    public boolean serves(String region) {
        return regions.contains(region);
    }

    /** The served regions. */
    public Set<String> all() {
        return regions;
    }

    /** AWS's public regions, from the shipped {@code aws-regions.txt}. */
    public static List<String> awsPublicRegions() {
        try (InputStream in = ServedRegions.class.getResourceAsStream("aws-regions.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
