package dev.vigil.e2e.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Readings of the local stack that {@code ./vigil up} started, from its folder ({@code $VIGIL_HOME}): each
 * component's resident memory (its PID file, and the largest of the process and its descendants, since a component
 * may run under a wrapper), the size of each log, the ERROR lines a log gained, and the detector's consumer lag on
 * the flow-log topic from its metrics.
 */
public final class StackSampler {

    private static final Pattern FLOW_LAG = Pattern.compile(
            "^vigil_detector_consumer_lag_records\\{[^}]*topic=\"vigil\\.flow-logs\\.v1\"[^}]*} (\\S+)$", Pattern.MULTILINE);
    private final Path home;
    private final String detectorUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param home the stack's folder ({@code $VIGIL_HOME}, default {@code .vigil}) */
    public StackSampler(Path home, String detectorUrl) {
        this.home = home;
        this.detectorUrl = detectorUrl;
    }

    /** Resident memory in MB by component (sorted by name). */
    public Map<String, Long> rssMb() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> pids = Files.list(home.resolve("run"))) {
            for (Path p : pids.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String name = p.getFileName().toString().replace(".pid", "");
                long pid = Long.parseLong(Files.readString(p).trim());
                ProcessHandle.of(pid).ifPresent(h -> out.put(name, Stream.concat(Stream.of(h), h.descendants())
                        .mapToLong(StackSampler::rssKb).max().orElse(0) / 1024));
            }
        }
        return out;
    }

    private static long rssKb(ProcessHandle h) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Each component log's size in bytes. */
    public Map<String, Long> logSizes() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> logs = Files.list(home.resolve("logs"))) {
            for (Path p : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                out.put(p.getFileName().toString().replace(".log", ""), Files.size(p));
            }
        }
        return out;
    }

    /** Lines with level ERROR each log gained after the sizes in {@code since}. */
    public Map<String, Long> errorLinesSince(Map<String, Long> since) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Long> e : since.entrySet()) {
            try (RandomAccessFile f = new RandomAccessFile(home.resolve("logs").resolve(e.getKey() + ".log").toFile(),
                    "r")) {
                f.seek(Math.min(e.getValue(), f.length()));
                byte[] rest = new byte[(int) Math.min(Integer.MAX_VALUE - 8, f.length() - f.getFilePointer())];
                f.readFully(rest);
                out.put(e.getKey(), new String(rest, StandardCharsets.UTF_8).lines()
                        .filter(l -> l.contains(" ERROR ")).count());
            }
        }
        return out;
    }

    /** The detector's consumer lag on the flow-log topic, in records (-1 when not known). */
    public long flowLag() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(detectorUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = FLOW_LAG.matcher(metrics);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
