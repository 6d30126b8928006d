package dev.vigil.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.ingest.parse.Values.BadValue;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses VPC Flow Log text as delivered to S3 or CloudWatch Logs into {@link FlowLogRecord}s
 * (<a href="https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html">Flow log records</a>).
 *
 * <ul>
 * <li>Fields are separated by runs of spaces or tabs; {@code -} means absent.</li>
 * <li>A header line (every token a field name, at least one a documented field of versions 2 to 10) sets the
 * format of the lines that follow, in any order and subset; it may repeat anywhere in the body. Unknown names
 * (the {@code ecs-*} fields, future fields) are kept as text in {@code fields}.</li>
 * <li>Without a header only the default format is accepted: the 14 version-2 fields with {@code version} 2.
 * Anything else is a per-line error, never a guess.</li>
 * <li>NODATA and SKIPDATA rows are accepted (they carry no traffic).</li>
 * <li>A CloudWatch Logs / Firehose line {@code {"message":"..."}} is unwrapped.</li>
 * <li>{@code account-id} {@code unknown} (AWS-managed interfaces) is treated as absent; a record without an
 * account belongs to the caller's account ({@link ParseContext#fallbackAccountId()}). A record without a
 * {@code region} field gets {@link ParseContext#fallbackRegion()}.</li>
 * </ul>
 * The parser is stateless and thread-safe; it never throws on bad input.
 */
public final class FlowLogParser {

    /** The default (version 2) format, in order. */
    public static final List<String> DEFAULT_FORMAT = List.of("version", "account-id", "interface-id", "srcaddr",
            "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status");

    /** The documented fields of versions 2 to 10 (the {@code ecs-*} fields of version 7 included). */
    public static final Set<String> DOCUMENTED_FIELDS = Set.of("version", "account-id", "interface-id", "srcaddr",
            "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status",
            "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr", "region", "az-id",
            "sublocation-type", "sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction",
            "traffic-path", "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn",
            "ecs-container-instance-id", "ecs-container-id", "ecs-second-container-id", "ecs-service-name",
            "ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id", "reject-reason", "resource-id",
            "encryption-status");

    /** The data source name used in event IDs. */
    static final String SOURCE = "flow";
    private static final int MAX_FIELDS = 128;

    /**
     * Parses {@code body} line by line.
     *
     * @return {@link ParseOutcome#RECOGNISED}, or not recognised when no line looked like a flow log (a header, a
     *         {@code message} wrapper, or a data line starting with a number or {@code -}); then nothing was
     *         accepted
     */
    public ParseOutcome parse(String body, ParseContext ctx, ParseSink<FlowLogRecord> sink) {
        String[] format = null; // null: default format
        boolean formatBroken = false;
        boolean lookedLikeFlow = false;
        int len = body.length();
        int start = 0;
        long lineNo = 0;
        String[] tokens = new String[MAX_FIELDS];
        while (start < len) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            lineNo++;
            boolean cr = end > start && body.charAt(end - 1) == '\r';
            String line = body.substring(start, cr ? end - 1 : end);
            start = end + 1;
            Pos pos = Pos.line(lineNo);
            String content = line.strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.charAt(0) == '{') {
                String unwrapped = unwrap(content);
                if (unwrapped == null) {
                    sink.reject(pos, "a JSON line must be a CloudWatch Logs / Firehose object with a \"message\" string");
                    continue;
                }
                lookedLikeFlow = true;
                content = unwrapped.strip();
            }
            int n = tokenize(content, tokens);
            if (n < 0) {
                sink.reject(pos, "more than " + MAX_FIELDS + " fields");
                continue;
            }
            if (isHeader(tokens, n)) {
                lookedLikeFlow = true;
                String dup = duplicate(tokens, n);
                if (dup != null) {
                    sink.reject(pos, "header line names field '" + dup + "' twice; lines up to the next header are rejected");
                    formatBroken = true;
                } else {
                    format = java.util.Arrays.copyOf(tokens, n);
                    formatBroken = false;
                }
                continue;
            }
            char c0 = tokens[0].charAt(0);
            if (c0 == '-' || (c0 >= '0' && c0 <= '9')) {
                lookedLikeFlow = true;
            }
            if (formatBroken) {
                sink.reject(pos, "no valid header line precedes this line");
                continue;
            }
            String[] names;
            if (format == null) {
                if (n != DEFAULT_FORMAT.size()) {
                    sink.reject(pos, n + " fields without a header line: only the default version-2 format ("
                            + DEFAULT_FORMAT.size() + " fields) is accepted without one; send the header line of a"
                            + " custom format first");
                    continue;
                }
                if (!"2".equals(tokens[0])) {
                    sink.reject(pos, "version '" + Values.shorten(tokens[0]) + "' without a header line: only the"
                            + " default version-2 format is accepted without one");
                    continue;
                }
                names = DEFAULT_NAMES;
            } else {
                if (n != format.length) {
                    sink.reject(pos, n + " fields but the header line names " + format.length);
                    continue;
                }
                names = format;
            }
            try {
                byte[] raw = content.getBytes(StandardCharsets.UTF_8);
                FlowLogRecord r = toRecord(names, tokens, n, ctx, raw);
                sink.accept(r, pos, utf8Length(line) + (cr ? 2 : 1));
            } catch (BadValue e) {
                sink.reject(pos, e.getMessage());
            }
        }
        return lookedLikeFlow ? ParseOutcome.RECOGNISED
                : ParseOutcome.notFormat("the body is not VPC Flow Log text: no line is a header or a flow log record");
    }

    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1;
            }
        }
        return n;
    }

    private static final String[] DEFAULT_NAMES = DEFAULT_FORMAT.toArray(new String[0]);

    private static String unwrap(String content) {
        try {
            JsonNode node = LogJson.MAPPER.readTree(content);
            if (node != null && node.isObject() && node.path("message").isTextual()) {
                return node.get("message").textValue();
            }
        } catch (Exception e) {
            // not JSON: the caller reports the line
        }
        return null;
    }

    /** Splits on runs of spaces and tabs; returns the count, or -1 when there are more than the array holds. */
    static int tokenize(String s, String[] out) {
        int n = 0;
        int i = 0;
        int len = s.length();
        while (i < len) {
            while (i < len && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int b = i;
            while (i < len && !isSpace(s.charAt(i))) {
                i++;
            }
            if (n == out.length) {
                return -1;
            }
            out[n++] = s.substring(b, i);
        }
        return n;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000b' || c == '\f';
    }

    private static boolean isHeader(String[] tokens, int n) {
        boolean known = false;
        for (int i = 0; i < n; i++) {
            String t = tokens[i];
            if (!isFieldName(t)) {
                return false;
            }
            known |= DOCUMENTED_FIELDS.contains(t);
        }
        return known;
    }

    private static boolean isFieldName(String t) {
        if (t.isEmpty() || t.length() > 64 || t.charAt(0) < 'a' || t.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String duplicate(String[] tokens, int n) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!seen.add(tokens[i])) {
                return tokens[i];
            }
        }
        return null;
    }

    private static FlowLogRecord toRecord(String[] names, String[] tokens, int n, ParseContext ctx, byte[] raw)
            throws BadValue {
        Integer version = null;
        String awsAccount = null;
        String interfaceId = null;
        String srcaddr = null;
        String dstaddr = null;
        Integer srcport = null;
        Integer dstport = null;
        Integer protocol = null;
        Long packets = null;
        Long bytes = null;
        Long startT = null;
        Long endT = null;
        String action = null;
        String logStatus = null;
        String vpcId = null;
        String subnetId = null;
        String instanceId = null;
        Integer tcpFlags = null;
        String type = null;
        String pktSrc = null;
        String pktDst = null;
        String region = null;
        String azId = null;
        String sublocType = null;
        String sublocId = null;
        String pktSrcSvc = null;
        String pktDstSvc = null;
        String flowDirection = null;
        Integer trafficPath = null;
        String rejectReason = null;
        String resourceId = null;
        Integer encryption = null;
        Map<String, String> fields = null;
        for (int i = 0; i < n; i++) {
            String name = names[i];
            String v = tokens[i];
            if ("-".equals(v)) {
                continue;
            }
            switch (name) {
                case "version" -> version = (int) Values.number(name, v, 1, 1000);
                case "account-id" -> awsAccount = "unknown".equals(v) ? null : Values.account(name, v);
                case "interface-id" -> interfaceId = Values.text(name, v);
                case "srcaddr" -> srcaddr = Values.ip(name, v);
                case "dstaddr" -> dstaddr = Values.ip(name, v);
                case "srcport" -> srcport = (int) Values.number(name, v, 0, 65535);
                case "dstport" -> dstport = (int) Values.number(name, v, 0, 65535);
                case "protocol" -> protocol = (int) Values.number(name, v, 0, 255);
                case "packets" -> packets = Values.number(name, v, 0, Long.MAX_VALUE);
                case "bytes" -> bytes = Values.number(name, v, 0, Long.MAX_VALUE);
                case "start" -> startT = Values.number(name, v, 0, ctx.latestEventTimeMillis() / 1000);
                case "end" -> endT = Values.number(name, v, 0, ctx.latestEventTimeMillis() / 1000);
                case "action" -> action = oneOf(name, v, "ACCEPT", "REJECT");
                case "log-status" -> logStatus = oneOf(name, v, "OK", "NODATA", "SKIPDATA");
                case "vpc-id" -> vpcId = Values.text(name, v);
                case "subnet-id" -> subnetId = Values.text(name, v);
                case "instance-id" -> instanceId = Values.text(name, v);
                case "tcp-flags" -> tcpFlags = (int) Values.number(name, v, 0, 65535);
                case "type" -> type = Values.text(name, v);
                case "pkt-srcaddr" -> pktSrc = Values.ip(name, v);
                case "pkt-dstaddr" -> pktDst = Values.ip(name, v);
                case "region" -> region = Values.region(name, v);
                case "az-id" -> azId = Values.text(name, v);
                case "sublocation-type" -> sublocType = Values.text(name, v);
                case "sublocation-id" -> sublocId = Values.text(name, v);
                case "pkt-src-aws-service" -> pktSrcSvc = Values.text(name, v);
                case "pkt-dst-aws-service" -> pktDstSvc = Values.text(name, v);
                case "flow-direction" -> flowDirection = Values.text(name, v);
                case "traffic-path" -> trafficPath = (int) Values.number(name, v, 0, 1000);
                case "reject-reason" -> rejectReason = Values.text(name, v);
                case "resource-id" -> resourceId = Values.text(name, v);
                case "encryption-status" -> encryption = (int) Values.number(name, v, 0, 1000);
                default -> {
                    if (fields == null) {
                        fields = new LinkedHashMap<>();
                    }
                    fields.put(name, Values.text(name, v));
                }
            }
        }
        String tenant = awsAccount != null ? awsAccount : ctx.fallbackAccountId();
        if (tenant == null) {
            throw new BadValue("account-id: the record names no account and the caller's token names none");
        }
        String tenantRegion = region != null ? region : ctx.fallbackRegion();
        String eventId = EventIds.of(tenant, ctx.idScope(SOURCE), raw, 0, raw.length);
        return new FlowLogRecord(FlowLogRecord.SCHEMA_VERSION, eventId, tenant, tenantRegion, version, awsAccount,
                interfaceId, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, startT, endT, action,
                logStatus, vpcId, subnetId, instanceId, tcpFlags, type, pktSrc, pktDst, azId, sublocType, sublocId,
                pktSrcSvc, pktDstSvc, flowDirection, trafficPath, rejectReason, resourceId, encryption, fields);
    }

    private static String oneOf(String field, String v, String... allowed) throws BadValue {
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw new BadValue(field + ": '" + Values.shorten(v) + "' is not one of " + String.join(", ", allowed));
    }
}
