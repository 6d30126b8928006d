package dev.vigil.detector.threatintel;

import dev.vigil.events.ThreatFeedState;
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
import java.util.TreeMap;
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
 *
 * <p>Feeds ({@link #applyFeed}): the last good copy of an operator-configured feed, read from Kafka by
 * {@code ThreatFeedSubscriber}, replaces the built-in file of the same list name or adds a list to its category;
 * the snapshots stay the seed and the air-gapped default. Matchers are swapped whole per category, never changed in
 * place, so a lookup sees the old or the new copy.
 */
public final class BuiltInThreatIntel {

    private final Optional<Path> directory;
    /** File names per category, in load order (from the index or the directory). */
    private final Map<Category, List<String>> files = new EnumMap<>(Category.class);
    /** Feeds by name: they replace the built-in file of the same list name or add a list to their category. */
    private final Map<String, ThreatFeedState> feeds = new TreeMap<>();
    private final List<ListReader.Report> reports = new ArrayList<>();
    // replaced whole (copy on write) when a category is rebuilt, so readers never see a half-built matcher
    private volatile Map<Category, IpMatcher> ips = new EnumMap<>(Category.class);
    private volatile Map<Category, DomainMatcher> domains = new EnumMap<>(Category.class);

    private BuiltInThreatIntel(Optional<Path> directory) {
        this.directory = directory;
        for (Category c : Category.values()) {
            ips.put(c, new IpMatcher());
            domains.put(c, new DomainMatcher());
            files.put(c, new ArrayList<>());
        }
    }

    /**
     * Loads the lists from {@code directory} when given, else from the jar.
     *
     * @throws UncheckedIOException     if a file cannot be read
     * @throws IllegalArgumentException if no line of a file parses
     */
    public static BuiltInThreatIntel load(Optional<String> directory) {
        Optional<Path> dir = directory.filter(d -> !d.isBlank()).map(Path::of);
        BuiltInThreatIntel intel = new BuiltInThreatIntel(dir);
        List<String> names;
        if (dir.isPresent()) {
            try (Stream<Path> files = Files.list(dir.get())) {
                names = files.filter(Files::isRegularFile).sorted().map(f -> f.getFileName().toString()).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read threat-intel directory " + dir.get(), e);
            }
        } else {
            names = index();
        }
        for (String name : names) {
            Category category = Category.ofFileName(name);
            if (category == null) {
                Log.warnf("threat-intel file %s has no known category prefix; ignored", name);
                continue;
            }
            intel.files.get(category).add(name);
            intel.reports.add(intel.read(name, intel.ips.get(category), intel.domains.get(category)));
        }
        return intel;
    }

    private InputStream open(String name) throws IOException {
        return directory.isPresent() ? Files.newInputStream(directory.get().resolve(name)) : resource("threatintel/" + name);
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

    /** The list name a file is reported under: {@code Vigil:} and the file name without extension. */
    static String listName(String fileName) {
        int dot = fileName.indexOf('.');
        return "Vigil:" + (dot > 0 ? fileName.substring(0, dot) : fileName);
    }

    private ListReader.Report read(String fileName, IpMatcher ipm, DomainMatcher dm) {
        try (InputStream in = open(fileName)) {
            ListReader.Report r = ListReader.read(fileName, in, listName(fileName), ipm, dm);
            log(r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read threat-intel file " + fileName, e);
        }
    }

    private static void log(ListReader.Report r) {
        if (r.rejected() > 0) {
            Log.warnf("threat-intel %s: %d entries, %d rejected line(s): %s", r.name(), r.accepted(), r.rejected(),
                    String.join("; ", r.examples()));
        } else {
            Log.debugf("threat-intel %s: %d entries", r.name(), r.accepted());
        }
    }

    /**
     * Applies the last good copy of a feed: its category is rebuilt from the built-in files (less the one whose list
     * name the feed carries) and every feed of the category, then swapped in whole. A feed of an unknown category,
     * or one in which no entry parses, is refused and the category keeps what it had.
     *
     * @return what reading the feed did, or {@code null} when it was refused
     */
    public synchronized ListReader.Report applyFeed(ThreatFeedState feed) {
        Category category = category(feed.category());
        if (category == null || feed.entries() == null) {
            Log.warnf("threat feed %s: unknown category %s or no entries; ignored", feed.feedName(), feed.category());
            return null;
        }
        try {
            ListReader.read(feed.feedName(), feed.entries(), "Vigil:" + feed.listName(), new IpMatcher(), new DomainMatcher());
        } catch (IllegalArgumentException e) {
            Log.warnf("threat feed %s: %s; the previous copy stays", feed.feedName(), e.getMessage());
            return null;
        }
        ThreatFeedState previous = feeds.put(feed.feedName(), feed);
        ListReader.Report report = rebuild(category).get(feed.feedName());
        if (previous != null && !previous.category().equals(feed.category()) && category(previous.category()) != null) {
            rebuild(category(previous.category()));
        }
        return report;
    }

    /** Removes a feed (its tombstone): the built-in file it replaced applies again. */
    public synchronized void removeFeed(String feedName) {
        ThreatFeedState previous = feeds.remove(feedName);
        if (previous != null && category(previous.category()) != null) {
            rebuild(category(previous.category()));
        }
    }

    private static Category category(String name) {
        try {
            return name == null ? null : Category.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Rebuilds one category from its files and feeds and swaps it in; returns the feeds' reports by feed name. */
    private Map<String, ListReader.Report> rebuild(Category category) {
        IpMatcher ipm = new IpMatcher();
        DomainMatcher dm = new DomainMatcher();
        List<ThreatFeedState> mine = feeds.values().stream().filter(f -> f.category().equals(category.name())).toList();
        for (String file : files.get(category)) {
            if (mine.stream().noneMatch(f -> ("Vigil:" + f.listName()).equals(listName(file)))) {
                read(file, ipm, dm);
            }
        }
        Map<String, ListReader.Report> out = new TreeMap<>();
        for (ThreatFeedState f : mine) {
            ListReader.Report r = ListReader.read(f.feedName(), f.entries(), "Vigil:" + f.listName(), ipm, dm);
            log(r);
            out.put(f.feedName(), r);
        }
        Map<Category, IpMatcher> newIps = new EnumMap<>(ips);
        newIps.put(category, ipm);
        Map<Category, DomainMatcher> newDomains = new EnumMap<>(domains);
        newDomains.put(category, dm);
        ips = newIps;
        domains = newDomains;
        Log.infof("threat intelligence %s rebuilt: %d addresses and blocks, %d domains, feeds %s", category, ipm.size(),
                dm.size(), out.keySet());
        return out;
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
