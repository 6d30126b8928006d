package dev.vigil.detector.threatintel;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStream;
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
 * Vigil's own threat intelligence, shipped as dated snapshots in the jar under {@code threatintel/} (listed in
 * {@code threatintel/index.txt}; sources, licences and why each maps to its finding type in
 * {@code threatintel/PROVENANCE.md}) or read from a directory that replaces them ({@code
 * detector.rules.threat-intel-directory}), so lists are updated without a release.
 *
 * <p>File format ({@link EntryParser}): one address, CIDR block (IPv4 or IPv6) or domain per line, hosts-file and
 * adblock host lines accepted; {@code #} starts a comment; a file ending in {@code .gz} is gzip-compressed. The file
 * name's prefix is its {@link Category}; the file name without extension is the {@code threatListName} reported in
 * findings. Bad lines are counted and logged with their line numbers ({@link #reports()}); a file in which no line
 * parses fails the load.
 */
public final class BuiltInThreatIntel {

    private final Map<Category, IpMatcher> ips = new EnumMap<>(Category.class);
    private final Map<Category, DomainMatcher> domains = new EnumMap<>(Category.class);
    private final List<ListReader.Report> reports = new ArrayList<>();

    private BuiltInThreatIntel() {
        for (Category c : Category.values()) {
            ips.put(c, new IpMatcher());
            domains.put(c, new DomainMatcher());
        }
    }

    /**
     * Loads the lists from {@code directory} when given, else from the jar.
     *
     * @throws UncheckedIOException     if a file cannot be read
     * @throws IllegalArgumentException if no line of a file parses
     */
    public static BuiltInThreatIntel load(Optional<String> directory) {
        BuiltInThreatIntel intel = new BuiltInThreatIntel();
        if (directory.isPresent() && !directory.get().isBlank()) {
            Path dir = Path.of(directory.get());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(f)) {
                        intel.read(f.getFileName().toString(), in);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read threat-intel directory " + dir, e);
            }
        } else {
            for (String name : index()) {
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

    private static List<String> index() {
        try (InputStream in = resource("threatintel/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(String fileName, InputStream in) throws IOException {
        Category category = Category.ofFileName(fileName);
        if (category == null) {
            Log.warnf("threat-intel file %s has no known category prefix; ignored", fileName);
            return;
        }
        int dot = fileName.indexOf('.');
        String listName = "Vigil:" + (dot > 0 ? fileName.substring(0, dot) : fileName);
        ListReader.Report r = ListReader.read(fileName, in, listName, ips.get(category), domains.get(category));
        reports.add(r);
        if (r.rejected() > 0) {
            Log.warnf("threat-intel %s: %d entries, %d rejected line(s): %s", fileName, r.accepted(), r.rejected(),
                    String.join("; ", r.examples()));
        } else {
            Log.debugf("threat-intel %s: %d entries in %s", fileName, r.accepted(), category);
        }
    }

    /** The address matcher of a category. */
    public IpMatcher ips(Category category) {
        return ips.get(category);
    }

    /** The domain matcher of a category. */
    public DomainMatcher domains(Category category) {
        return domains.get(category);
    }

    /** What each file load did, in load order. */
    public List<ListReader.Report> reports() {
        return List.copyOf(reports);
    }

    /** Whether {@code name} is or is under a domain of any category (list hits beat behavioural findings). */
    public boolean listsDomain(String name) {
        for (DomainMatcher m : domains.values()) {
            if (m.match(name) != null) {
                return true;
            }
        }
        return false;
    }
}
