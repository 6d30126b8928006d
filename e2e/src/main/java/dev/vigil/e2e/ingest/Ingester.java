package dev.vigil.e2e.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.e2e.client.ApiClient;
import dev.vigil.e2e.client.ApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Posts log files to the ingest API, one request per file, choosing the endpoint with {@link LogType#detect}.
 * Gzip flow log files are sent as they are with {@code Content-Encoding: gzip}; gzip DNS and CloudTrail files are
 * inflated first. If the service answers 415, the next content type of the kind is tried.
 */
public final class Ingester {
    private static final Pattern FLOW_REGION = Pattern.compile("_vpcflowlogs_([a-z]{2}(?:-[a-z]+)+-\\d)_");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<LogType, List<String>> CONTENT_TYPES = Map.of(
        LogType.FLOW, List.of("text/plain", "application/octet-stream"),
        LogType.DNS, List.of("application/x-ndjson", "text/plain", "application/json", "application/octet-stream"),
        LogType.CLOUDTRAIL, List.of("application/json", "text/plain", "application/octet-stream"));

    /**
     * The outcome of one file.
     *
     * @param status  {@code OK}, {@code FAILED} (the request failed: counts toward a non-zero exit) or
     *                {@code SKIPPED} (not a recognised log file)
     * @param message the first per-line error, or the failure
     * @param httpStatus the answer's HTTP status (0 when there was none)
     */
    public record FileResult(Path file, LogType type, String status, long accepted, long rejected, long skipped,
                             String message, int httpStatus) {
        public FileResult(Path file, LogType type, String status, long accepted, long rejected, long skipped,
                          String message) {
            this(file, type, status, accepted, rejected, skipped, message, 0);
        }

        public boolean failed() {
            return status.equals("FAILED");
        }

        /**
         * True if the request failed for a reason other than the file's content: no answer, a 5xx, or a refused
         * token (401/403). A 4xx about the content (e.g. a whole file of invalid JSON) is not one.
         */
        public boolean failedOutsideContent() {
            return failed() && (httpStatus == 0 || httpStatus >= 500 || httpStatus == 401 || httpStatus == 403);
        }
    }

    private static final java.util.regex.Pattern ACCOUNT_TOKEN = java.util.regex.Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");

    private final ApiClient client;
    private final String defaultRegion;
    private final LogType forcedType;
    private final String asAccount;
    private final Map<LogType, Integer> contentTypeIndex = new EnumMap<>(LogType.class);

    /**
     * @param client        the ingest-service client (its token decides which accounts may be submitted)
     * @param defaultRegion the {@code region} for flow log files whose name does not carry one
     * @param forcedType    a type for every file, or null to detect per file
     */
    public Ingester(ApiClient client, String defaultRegion, LogType forcedType) {
        this(client, defaultRegion, forcedType, null);
    }

    /**
     * @param asAccount when not null, every 12-digit token in a file (the account IDs of public samples, such as
     *                  AWS documentation's 111122223333) is replaced by this account before it is sent, so that
     *                  real public logs can be replayed into one's own account
     */
    public Ingester(ApiClient client, String defaultRegion, LogType forcedType, String asAccount) {
        this.client = client;
        this.defaultRegion = defaultRegion;
        this.forcedType = forcedType;
        this.asAccount = asAccount;
    }

    /** {@code text} with every 12-digit token (an account ID) replaced by {@code account}. */
    public static String replaceAccounts(String text, String account) {
        return ACCOUNT_TOKEN.matcher(text).replaceAll(account);
    }

    /**
     * Expands directories into files: a simulator output directory (one holding {@code manifest.json}) in the
     * manifest's chronological order, any other directory recursively sorted by path, skipping dot-files,
     * README/Markdown files and anything under a {@code lists} folder (reference lists, not logs).
     */
    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            Path manifest = p.resolve("manifest.json");
            if (Files.isDirectory(p) && Files.isRegularFile(manifest)) {
                for (JsonNode f : JSON.readTree(manifest.toFile()).path("files")) {
                    out.add(p.resolve(f.asText()));
                }
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !skippable(p.relativize(f))).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean skippable(Path rel) {
        String name = rel.getFileName().toString();
        for (Path part : rel) {
            if (part.toString().equals("lists") || part.toString().startsWith(".")) {
                return true;
            }
        }
        return name.endsWith(".md") || name.equals("manifest.json");
    }

    /** Ingests the files in order, reporting progress; never throws for one file's failure. */
    public List<FileResult> ingestAll(List<Path> files, Progress progress) {
        List<FileResult> results = new ArrayList<>();
        for (Path f : files) {
            progress.starting(f);
            FileResult r = ingest(f);
            results.add(r);
            progress.done(f, r);
        }
        progress.finish();
        return results;
    }

    /** Ingests one file. */
    public FileResult ingest(Path file) {
        LogType type;
        byte[] raw;
        try {
            type = forcedType != null ? forcedType : LogType.detect(file);
            if (type == LogType.UNKNOWN) {
                return new FileResult(file, type, "SKIPPED", 0, 0, 0, "not a recognised log file (use --type)");
            }
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            return new FileResult(file, LogType.UNKNOWN, "FAILED", 0, 0, 0, "cannot read: " + e.getMessage());
        }
        try {
            boolean gz = LogType.isGzip(raw);
            byte[] body = raw;
            Map<String, String> headers = Map.of();
            if (asAccount != null) {
                String text = new String(gz ? LogType.readDecompressed(file) : raw, StandardCharsets.UTF_8);
                body = replaceAccounts(text, asAccount).getBytes(StandardCharsets.UTF_8);
            } else if (gz && type == LogType.FLOW) {
                headers = Map.of("Content-Encoding", "gzip");
            } else if (gz) {
                body = LogType.readDecompressed(file);
            }
            String path = type.path();
            if (type == LogType.FLOW) {
                path += "?region=" + URLEncoder.encode(region(file), StandardCharsets.UTF_8);
            }
            HttpResponse<String> resp = post(type, path, body, headers);
            return parse(file, type, resp.body());
        } catch (ApiException e) {
            return new FileResult(file, type, "FAILED", 0, 0, 0, e.brief(), e.status());
        } catch (IOException e) {
            return new FileResult(file, type, "FAILED", 0, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private HttpResponse<String> post(LogType type, String path, byte[] body, Map<String, String> headers) {
        List<String> types = CONTENT_TYPES.get(type);
        int i = contentTypeIndex.getOrDefault(type, 0);
        while (true) {
            try {
                HttpResponse<String> r = client.send("POST", path, body, types.get(i), headers);
                contentTypeIndex.put(type, i);
                return r;
            } catch (ApiException e) {
                if (e.status() != 415 || i + 1 >= types.size()) {
                    throw e;
                }
                i++;
            }
        }
    }

    String region(Path file) {
        Matcher m = FLOW_REGION.matcher(file.getFileName().toString());
        return m.find() ? m.group(1) : defaultRegion;
    }

    /** Reads the ingest answer {@code {accepted, rejected, skipped, errors:[{line|index, reason}]}}. */
    static FileResult parse(Path file, LogType type, String body) throws IOException {
        JsonNode n = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        String first = null;
        JsonNode errors = n.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode e = errors.get(0);
            String where = e.has("line") ? "line " + e.path("line").asText() : e.has("index") ? "record "
                + e.path("index").asText() : "";
            first = (where.isEmpty() ? "" : where + ": ") + e.path("reason").asText(e.toString());
            if (errors.size() > 1) {
                first += " (+" + (errors.size() - 1) + " more)";
            }
        }
        return new FileResult(file, type, "OK", n.path("accepted").asLong(), n.path("rejected").asLong(),
            n.path("skipped").asLong(), first);
    }

    /** The summary table: one row per file, then a total row. */
    public static Table summary(List<FileResult> results, Path relativeTo) {
        Table t = new Table("file", "type", "status", "accepted", "rejected", "skipped", "note")
            .right(3, 4, 5).cap(0, 70).cap(6, 90);
        long a = 0;
        long r = 0;
        long s = 0;
        for (FileResult f : results) {
            String name = relativeTo != null && f.file().startsWith(relativeTo)
                ? relativeTo.relativize(f.file()).toString() : f.file().toString();
            t.row(shortName(name), f.type().name().toLowerCase(), f.status(), f.accepted(), f.rejected(),
                f.skipped(), f.message() == null ? "" : f.message());
            a += f.accepted();
            r += f.rejected();
            s += f.skipped();
        }
        t.row("TOTAL (" + results.size() + " files)", "", "", a, r, s, "");
        return t;
    }

    private static String shortName(String name) {
        return name.length() <= 70 ? name : "..." + name.substring(name.length() - 67);
    }

    /** Progress reporting on stderr: a redrawn bar on a terminal, one line per file otherwise. */
    public static final class Progress {
        private final PrintStream err;
        private final boolean tty;
        private final long totalBytes;
        private final int totalFiles;
        private long doneBytes;
        private int doneFiles;

        public Progress(PrintStream err, boolean tty, List<Path> files) {
            this.err = err;
            this.tty = tty;
            this.totalFiles = files.size();
            long total = 0;
            for (Path f : files) {
                try {
                    total += Files.size(f);
                } catch (IOException e) {
                    // unreadable files count as empty; ingest reports them
                }
            }
            this.totalBytes = total;
        }

        /** A progress reporter that prints nothing. */
        public static Progress silent() {
            return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false, List.of());
        }

        void starting(Path f) {
            if (tty) {
                draw(f.getFileName().toString());
            }
        }

        void done(Path f, FileResult r) {
            doneFiles++;
            try {
                doneBytes += Files.size(f);
            } catch (IOException e) {
                // see constructor
            }
            if (tty) {
                draw(f.getFileName().toString());
            } else {
                err.printf("[%d/%d] %s %s accepted=%d rejected=%d%n", doneFiles, totalFiles, r.status(),
                    f.getFileName(), r.accepted(), r.rejected());
            }
        }

        void finish() {
            if (tty) {
                err.print("\r\033[K");
                err.flush();
            }
        }

        /** The bar text for the current state, e.g. {@code [#####---------------]  25% 3/12 files 1.2/4.8 MB}. */
        String bar() {
            int width = 30;
            double frac = totalBytes == 0 ? (totalFiles == 0 ? 1 : (double) doneFiles / totalFiles)
                : (double) doneBytes / totalBytes;
            int filled = (int) Math.round(frac * width);
            return String.format("[%s%s] %3d%% %d/%d files %.1f/%.1f MB", "#".repeat(filled),
                "-".repeat(width - filled), Math.round(frac * 100), doneFiles, totalFiles, doneBytes / 1e6,
                totalBytes / 1e6);
        }

        private void draw(String name) {
            String n = name.length() > 40 ? "..." + name.substring(name.length() - 37) : name;
            err.print("\r\033[K" + bar() + " " + n);
            err.flush();
        }
    }
}
