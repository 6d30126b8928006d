package dev.vigil.e2e.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The kind of a log file and the ingest endpoint that takes it. {@link #detect} sniffs the content first (a flow
 * log header or record line; a {@code {"Records"} CloudTrail file or a bare CloudTrail event; Resolver JSON lines
 * with {@code query_name}) and falls back to the S3 key / folder name ({@code vpcflowlogs}, {@code CloudTrail},
 * {@code vpcdnsquerylogs}, {@code dns}).
 */
public enum LogType {
    FLOW("/ingest/v1/flow-logs"), DNS("/ingest/v1/dns-logs"), CLOUDTRAIL("/ingest/v1/cloudtrail"), UNKNOWN(null);

    /** VPC flow log field names (VPC user guide, "Available fields"), for recognising a header line. */
    private static final java.util.Set<String> FLOW_FIELDS = java.util.Set.of("version", "account-id",
        "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end",
        "action", "log-status", "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr",
        "pkt-dstaddr", "region", "az-id", "flow-direction", "traffic-path");

    private final String path;

    LogType(String path) {
        this.path = path;
    }

    /** The ingest API path, null for {@link #UNKNOWN}. */
    public String path() {
        return path;
    }

    /** True if the bytes start with the gzip magic number (RFC 1952). */
    public static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /**
     * Detects a file's type from its first kilobytes (decompressed if gzip) and its path.
     *
     * @throws IOException if the file cannot be read
     */
    public static LogType detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8192);
        }
        if (isGzip(head)) {
            try (InputStream z = new GZIPInputStream(Files.newInputStream(file))) {
                head = z.readNBytes(8192);
            } catch (IOException e) {
                // a truncated gzip head is fine for sniffing; keep what we could not inflate as unknown content
                head = new byte[0];
            }
        }
        LogType byContent = sniff(new String(head, StandardCharsets.UTF_8));
        return byContent != UNKNOWN ? byContent : byName(file.toString());
    }

    /** Detects a type from the beginning of a file's (decompressed) text; {@link #UNKNOWN} if unclear. */
    public static LogType sniff(String text) {
        String t = text.stripLeading();
        if (t.isEmpty()) {
            return UNKNOWN;
        }
        String firstLine = t.lines().findFirst().orElse("").strip();
        if (t.startsWith("{")) {
            String compact = t.length() > 400 ? t.substring(0, 400) : t;
            compact = compact.replaceAll("\\s+", "");
            if (compact.startsWith("{\"Records\"")) {
                return CLOUDTRAIL;
            }
            if (firstLine.contains("\"query_name\"")) {
                return DNS;
            }
            if (t.contains("\"eventVersion\"") && t.contains("\"eventSource\"")) {
                return CLOUDTRAIL;
            }
            return UNKNOWN;
        }
        String[] tokens = firstLine.split("\\s+");
        if (Arrays.stream(tokens).filter(FLOW_FIELDS::contains).count() >= 3) {
            return FLOW;
        }
        if (tokens.length >= 10 && tokens[0].matches("\\d{1,2}") && (tokens[1].matches("\\d{12}|-"))) {
            return FLOW;
        }
        return UNKNOWN;
    }

    /** Detects a type from an S3 key or a folder name. */
    public static LogType byName(String path) {
        String p = path.replace('\\', '/').toLowerCase(Locale.ROOT);
        if (p.contains("vpcflowlogs") || p.contains("/vpcflow/") || p.contains("flow-log") || p.contains("flowlog")) {
            return FLOW;
        }
        if (p.contains("vpcdnsquerylogs") || p.contains("/dns/") || p.contains("resolver")) {
            return DNS;
        }
        if (p.contains("cloudtrail")) {
            return CLOUDTRAIL;
        }
        return UNKNOWN;
    }

    /** Reads a whole file, inflating it if it is gzip. */
    public static byte[] readDecompressed(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (!isGzip(raw)) {
            return raw;
        }
        try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return z.readAllBytes();
        }
    }
}
