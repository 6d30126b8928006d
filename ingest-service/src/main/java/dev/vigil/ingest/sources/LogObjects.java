package dev.vigil.ingest.sources;

import dev.vigil.ingest.service.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * What Vigil makes of one S3 object: skipped (with a reason), or its log type and decompressed content. Keys follow
 * AWS's delivery layout ({@code AWSLogs/{account}/vpcflowlogs|CloudTrail|CloudTrail-Digest|vpcdnsquerylogs/...});
 * with log type {@code AUTO}, the key decides first, then the content (a JSON object with {@code Records}: CloudTrail;
 * JSON with {@code query_name}: Route 53 Resolver; else flow log text).
 */
public final class LogObjects {

    private LogObjects() {
    }

    /** Why a key is not read, or {@code null} when it is. */
    public static String skipReason(String key, long size) {
        if (key.endsWith("/")) {
            return "a folder marker, not a log object";
        }
        if (key.contains("/CloudTrail-Digest/") || key.contains("_CloudTrail-Digest_")) {
            return "a CloudTrail digest file (integrity validation), not a log file";
        }
        if (key.endsWith("ConfigWritabilityCheckFile") || key.contains("/CloudTrail-Insight/")) {
            return "not a log object Vigil analyses";
        }
        if (size == 0) {
            return "an empty object";
        }
        return null;
    }

    /**
     * {@code raw} decompressed when it starts with the gzip magic bytes (every member of a multi-member gzip file).
     *
     * @throws IOException for a truncated or corrupt gzip stream, or content over {@code maxBytes}
     */
    public static byte[] content(byte[] raw, long maxBytes) throws IOException {
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 65536)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 8);
            byte[] buf = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new IOException("the object is larger than " + maxBytes + " bytes once decompressed");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (java.io.EOFException e) {
            throw new IOException("the gzip stream is truncated");
        } catch (java.util.zip.ZipException e) {
            throw new IOException("the gzip stream is corrupt: " + e.getMessage());
        }
    }

    /**
     * The log type of {@code key} / {@code content} for a source of {@code logType} (FLOW, DNS, CLOUDTRAIL, AUTO):
     * the source's type when fixed, else AWS's key layout, else the content (a CloudTrail file or event, Resolver
     * query log JSON, else flow log text). {@code key} is empty for content without a key (Firehose records).
     */
    public static Source type(String logType, String key, byte[] content) {
        switch (logType) {
            case "FLOW":
                return Source.FLOW;
            case "DNS":
                return Source.DNS;
            case "CLOUDTRAIL":
                return Source.CLOUDTRAIL;
            default:
                break;
        }
        if (key.contains("/vpcflowlogs/")) {
            return Source.FLOW;
        }
        if (key.contains("/CloudTrail/")) {
            return Source.CLOUDTRAIL;
        }
        if (key.contains("/vpcdnsquerylogs/") || key.contains("/route53resolver")) {
            return Source.DNS;
        }
        String head = new String(content, 0, Math.min(content.length, 4096), java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("{") && (head.contains("\"Records\"")
                || head.contains("\"eventSource\"") && head.contains("\"eventName\""))) {
            return Source.CLOUDTRAIL; // a log file, or single events (EventBridge envelopes, Firehose records)
        }
        if ((head.startsWith("{") || head.startsWith("[")) && head.contains("\"query_name\"")) {
            return Source.DNS;
        }
        return Source.FLOW;
    }
}
