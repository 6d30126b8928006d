package dev.vigil.detector.threatintel;

import dev.vigil.detector.rules.Net;
import io.quarkus.logging.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Vigil's own threat intelligence, shipped as text files in the jar under {@code threatintel/} (listed in
 * {@code threatintel/index.txt}) or read from a directory that replaces them ({@code
 * detector.rules.threat-intel-directory}), so lists are updated without a release.
 *
 * <p>File format: one address, CIDR block (IPv4 or IPv6) or domain per line; {@code #} starts a comment. The file
 * name's prefix is its {@link Category}; the file name without extension is the {@code threatListName} reported in
 * findings.
 */
public final class BuiltInThreatIntel {

    private final Map<Category, IpMatcher> ips = new EnumMap<>(Category.class);
    private final Map<Category, DomainMatcher> domains = new EnumMap<>(Category.class);

    private BuiltInThreatIntel() {
        for (Category c : Category.values()) {
            ips.put(c, new IpMatcher());
            domains.put(c, new DomainMatcher());
        }
    }

    /**
     * Loads the lists from {@code directory} when given, else from the jar.
     *
     * @throws UncheckedIOException if a file cannot be read
     */
    public static BuiltInThreatIntel load(Optional<String> directory) {
        BuiltInThreatIntel intel = new BuiltInThreatIntel();
        if (directory.isPresent() && !directory.get().isBlank()) {
            Path dir = Path.of(directory.get());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    try (InputStream in = Files.newInputStream(f)) {
                        intel.read(f.getFileName().toString(), in);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read threat-intel directory " + dir, e);
            }
        } else {
            for (String name : resourceLines("threatintel/index.txt")) {
                try (InputStream in = resource("threatintel/" + name)) {
                    intel.read(name, in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read built-in list " + name, e);
                }
            }
        }
        return intel;
    }

    private static InputStream resource(String path) {
        InputStream in = BuiltInThreatIntel.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("built-in resource missing: " + path);
        }
        return in;
    }

    private static List<String> resourceLines(String path) {
        try (InputStream in = resource(path)) {
            return lines(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    private void read(String fileName, InputStream in) throws IOException {
        Category category = Category.ofFileName(fileName);
        if (category == null) {
            Log.warnf("threat-intel file %s has no known category prefix; ignored", fileName);
            return;
        }
        int dot = fileName.indexOf('.');
        String listName = "Vigil:" + (dot > 0 ? fileName.substring(0, dot) : fileName);
        int n = 0;
        for (String entry : lines(in)) {
            if (Net.parse(entry) != null) {
                ips.get(category).add(entry, listName);
            } else {
                domains.get(category).add(entry, listName);
            }
            n++;
        }
        Log.debugf("threat-intel %s: %d entries in %s", fileName, n, category);
    }

    /** The address matcher of a category. */
    public IpMatcher ips(Category category) {
        return ips.get(category);
    }

    /** The domain matcher of a category. */
    public DomainMatcher domains(Category category) {
        return domains.get(category);
    }
}
