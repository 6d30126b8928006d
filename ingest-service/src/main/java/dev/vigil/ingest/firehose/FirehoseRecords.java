package dev.vigil.ingest.firehose;

import dev.vigil.ingest.cloudwatch.SubscriptionPayload;
import dev.vigil.ingest.service.Source;
import dev.vigil.ingest.sources.LogObjects;
import dev.vigil.web.GuardDutyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The records of one Firehose request turned into the bodies the log parsers read, one per log type. A record's
 * {@code data} is what the stream's producer put: raw log lines (VPC Flow Logs delivered to Firehose, in the default
 * format without a header line), Route 53 Resolver query log JSON, CloudTrail events or EventBridge envelopes, or a
 * CloudWatch Logs subscription payload (gzip, as a subscription filter writes it to Firehose, or plain JSON when the
 * stream decompresses; {@link SubscriptionPayload}: its events' messages are the lines, a {@code CONTROL_MESSAGE} is
 * skipped). Each record's type is the source's log type, or for {@code AUTO} detected from its content
 * ({@link LogObjects#type}). The records of a type are joined in request order, each ending with a newline, and every
 * line of a joined body is traced back to its record ({@link Body#recordOf}).
 */
public final class FirehoseRecords {

    /**
     * The joined body of one log type.
     *
     * @param source     the log type
     * @param content    the records' lines, each record ending with a newline
     * @param records    request indexes of the records joined, in order
     * @param firstLines the 1-based line of {@code content} where each of {@code records} starts
     */
    public record Body(Source source, byte[] content, int[] records, long[] firstLines) {

        /** The request index of the record holding 1-based {@code line} of {@code content}. */
        public int recordOf(long line) {
            int i = Arrays.binarySearch(firstLines, line);
            return records[i >= 0 ? i : Math.max(0, -i - 2)];
        }

        /** {@code line} of {@code content} as a 1-based line within its record. */
        public long lineInRecord(long line) {
            int i = Arrays.binarySearch(firstLines, line);
            return line - firstLines[i >= 0 ? i : Math.max(0, -i - 2)] + 1;
        }
    }

    /**
     * What a request held.
     *
     * @param bodies  one body per log type present, in the order the types first appear
     * @param skipped records with nothing to ingest (empty, or a CloudWatch Logs {@code CONTROL_MESSAGE})
     */
    public record Split(List<Body> bodies, int skipped) {
    }

    private FirehoseRecords() {
    }

    /**
     * Splits {@code records} of a source of {@code logType} ({@code FLOW}, {@code DNS}, {@code CLOUDTRAIL} or
     * {@code AUTO}).
     *
     * @param maxBytes the largest decompressed size of a record and of each joined body
     * @throws GuardDutyException 400 naming the record ({@code records[i]}) whose gzip is broken or whose
     *         subscription payload is invalid; 413 when a record or a joined body is over {@code maxBytes}
     */
    public static Split split(List<byte[]> records, String logType, long maxBytes) {
        Map<Source, Builder> builders = new EnumMap<>(Source.class);
        List<Source> order = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < records.size(); i++) {
            byte[] content = content(records.get(i), i, maxBytes);
            if (content == null || isBlank(content)) {
                skipped++;
                continue;
            }
            Source type = LogObjects.type(logType, "", content);
            Builder b = builders.computeIfAbsent(type, t -> {
                order.add(t);
                return new Builder();
            });
            b.add(i, content, maxBytes);
        }
        List<Body> bodies = new ArrayList<>();
        for (Source t : order) {
            bodies.add(builders.get(t).build(t));
        }
        return new Split(bodies, skipped);
    }

    /** Record {@code i}'s log lines: gunzipped, a subscription payload unpacked; null for a control message. */
    private static byte[] content(byte[] data, int i, long maxBytes) {
        byte[] content;
        try {
            content = LogObjects.content(data, maxBytes);
        } catch (IOException e) {
            String reason = "records[" + i + "].data: " + String.valueOf(e.getMessage()).replace("the object", "the record");
            throw reason.contains("larger than") ? GuardDutyException.payloadTooLarge(reason) : GuardDutyException.badRequest(reason);
        }
        SubscriptionPayload.Unpacked cwl;
        try {
            cwl = SubscriptionPayload.unpack(content, maxBytes);
        } catch (GuardDutyException e) {
            throw new GuardDutyException(e.status(), e.errorType(), "records[" + i + "].data: " + e.getMessage(), 0);
        }
        if (cwl == null) {
            return content;
        }
        return cwl.control() ? null : cwl.lines();
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Joins the records of one type, counting lines. */
    private static final class Builder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<Integer> records = new ArrayList<>();
        final List<Long> firstLines = new ArrayList<>();
        long lines;

        void add(int index, byte[] content, long maxBytes) {
            int len = content.length;
            if (content[len - 1] == '\n') {
                len--; // the record's own final newline; one is added below
            }
            if (out.size() + (long) len + 1 > maxBytes) {
                throw GuardDutyException.payloadTooLarge("the records are larger than " + maxBytes
                        + " bytes after decompression (at records[" + index + "]); lower the stream's buffer size");
            }
            records.add(index);
            firstLines.add(lines + 1);
            out.write(content, 0, len);
            out.write('\n');
            for (int k = 0; k < len; k++) {
                if (content[k] == '\n') {
                    lines++;
                }
            }
            lines++;
        }

        Body build(Source type) {
            return new Body(type, out.toByteArray(), records.stream().mapToInt(Integer::intValue).toArray(),
                    firstLines.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
