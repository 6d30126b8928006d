package dev.vigil.ingest.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.ingest.parse.Values.BadValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Route 53 Resolver query logs into {@link DnsLogRecord}s
 * (<a href="https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs-format.html">Resolver
 * query log format</a>): JSON lines (one object per line, as delivered to S3 and CloudWatch Logs), a JSON array of
 * objects, or a sequence of (pretty-printed) objects.
 *
 * <p>Names are kept exactly as written (with or without the trailing dot, underscores, punycode). Each record needs
 * a parsable {@code query_timestamp} (ISO-8601 UTC) and a {@code query_name}; {@code account_id} must be 12 digits
 * when present (else the caller's account is used); {@code srcaddr} must be an IP address when present. The parser
 * is stateless and thread-safe; it never throws on bad input.
 */
public final class DnsLogParser {

    static final String SOURCE = "dns";

    /**
     * Parses {@code body} (UTF-8).
     *
     * @return not recognised when no line or element is a JSON object carrying {@code query_name} or
     *         {@code query_timestamp} (for example Route 53 public hosted zone logs, which are text), or when a JSON
     *         array is broken before its first element; then nothing was accepted
     */
    public ParseOutcome parse(byte[] body, ParseContext ctx, ParseSink<DnsLogRecord> sink) {
        int first = firstNonSpace(body);
        if (first < 0) {
            return ParseOutcome.notFormat("the body is empty");
        }
        State st = new State();
        if (body[first] == '[') {
            return stream(body, ctx, sink, st, true);
        }
        // JSON lines; a pretty-printed object (first line alone does not parse) is read as a stream of values
        int start = 0;
        long lineNo = 0;
        while (start < body.length) {
            int end = indexOf(body, (byte) '\n', start);
            lineNo++;
            int lineEnd = end > start && body[end - 1] == '\r' ? end - 1 : end;
            int from = start;
            start = end + 1;
            if (isBlank(body, from, lineEnd)) {
                continue;
            }
            JsonNode node;
            try {
                node = LogJson.MAPPER.readTree(body, from, lineEnd - from);
            } catch (IOException e) {
                if (!st.any && body[first] == '{' && firstValueParses(body)) {
                    return stream(body, ctx, sink, st, false);
                }
                sink.reject(Pos.line(lineNo), e instanceof JsonProcessingException jpe
                        ? JsonValues.describe(jpe).replaceFirst("at line 1, ", "at ") : "invalid JSON");
                st.any = true;
                continue;
            }
            element(node, Pos.line(lineNo), body, from, lineEnd - from, lineEnd - from + 1, ctx, sink, st);
        }
        return st.outcome();
    }

    private static final class State {
        boolean any;
        boolean dnsLike;

        ParseOutcome outcome() {
            return dnsLike ? ParseOutcome.RECOGNISED
                    : ParseOutcome.notFormat("the body is not Route 53 Resolver query logs: no JSON object with"
                            + " query_name or query_timestamp");
        }
    }

    private ParseOutcome stream(byte[] body, ParseContext ctx, ParseSink<DnsLogRecord> sink, State st, boolean array) {
        long index = 0;
        try (JsonParser p = LogJson.MAPPER.createParser(body)) {
            JsonToken t = p.nextToken();
            if (array) {
                t = p.nextToken();
            }
            while (t != null && t != JsonToken.END_ARRAY) {
                int from = (int) p.currentTokenLocation().getByteOffset();
                JsonNode node = p.readValueAsTree();
                int to = (int) p.currentLocation().getByteOffset();
                element(node, Pos.index(index), body, from, to - from, to - from, ctx, sink, st);
                st.any = true;
                index++;
                t = p.nextToken();
            }
            if (array && t == JsonToken.END_ARRAY && p.nextToken() != null) {
                sink.reject(Pos.index(index), "content after the end of the JSON array");
            }
        } catch (JsonProcessingException e) {
            if (!st.any) {
                return ParseOutcome.notFormat("the body is not Route 53 Resolver query logs: " + JsonValues.describe(e));
            }
            sink.reject(Pos.index(index), JsonValues.describe(e) + "; the rest of the body was not read");
        } catch (IOException e) {
            return ParseOutcome.notFormat("the body could not be read as JSON");
        }
        return st.outcome();
    }

    private void element(JsonNode node, Pos pos, byte[] body, int from, int len, int size, ParseContext ctx,
            ParseSink<DnsLogRecord> sink, State st) {
        st.any = true;
        if (node == null || !node.isObject()) {
            sink.reject(pos, "not a JSON object");
            return;
        }
        if (node.has("query_name") || node.has("query_timestamp")) {
            st.dnsLike = true;
        }
        try {
            sink.accept(toRecord(node, ctx, body, from, len), pos, size);
        } catch (BadValue e) {
            sink.reject(pos, e.getMessage());
        }
    }

    private static DnsLogRecord toRecord(JsonNode o, ParseContext ctx, byte[] body, int from, int len)
            throws BadValue {
        String awsAccount = JsonValues.text(o, "account_id");
        if (awsAccount != null) {
            Values.account("account_id", awsAccount);
        }
        String tenant = awsAccount != null ? awsAccount : ctx.fallbackAccountId();
        if (tenant == null) {
            throw new BadValue("account_id: the record names no account and the caller's token names none");
        }
        String region = JsonValues.region(o, "region");
        String ts = JsonValues.text(o, "query_timestamp");
        Values.isoTime("query_timestamp", ts, ctx);
        String name = JsonValues.text(o, "query_name");
        if (name == null || name.isEmpty()) {
            throw new BadValue("query_name: missing");
        }
        String srcaddr = JsonValues.text(o, "srcaddr");
        if (srcaddr != null) {
            Values.ip("srcaddr", srcaddr);
        }
        String srcport = JsonValues.text(o, "srcport");
        if (srcport != null) {
            Values.number("srcport", srcport, 0, 65535);
        }
        List<DnsLogRecord.Answer> answers = null;
        JsonNode a = o.get("answers");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new BadValue("answers: must be a JSON array");
            }
            answers = new ArrayList<>(a.size());
            for (JsonNode ans : a) {
                if (!ans.isObject()) {
                    throw new BadValue("answers: every answer must be a JSON object");
                }
                answers.add(new DnsLogRecord.Answer(JsonValues.text(ans, "Rdata"), JsonValues.text(ans, "Type"),
                        JsonValues.text(ans, "Class")));
            }
        }
        DnsLogRecord.SrcIds srcids = null;
        JsonNode s = JsonValues.object(o, "srcids");
        if (s != null) {
            srcids = new DnsLogRecord.SrcIds(JsonValues.text(s, "instance"), JsonValues.text(s, "resolver_endpoint"),
                    JsonValues.text(s, "resolver_network_interface"));
        }
        return new DnsLogRecord(DnsLogRecord.SCHEMA_VERSION, EventIds.of(tenant, ctx.idScope(SOURCE), body, from, len), tenant,
                JsonValues.text(o, "version"), awsAccount, region != null ? region : ctx.fallbackRegion(),
                JsonValues.text(o, "vpc_id"), ts, name, JsonValues.text(o, "query_type"),
                JsonValues.text(o, "query_class"), JsonValues.text(o, "rcode"), answers, srcaddr, srcport,
                JsonValues.text(o, "transport"), srcids, JsonValues.text(o, "firewall_rule_action"),
                JsonValues.text(o, "firewall_rule_group_id"), JsonValues.text(o, "firewall_domain_list_id"));
    }

    private static boolean firstValueParses(byte[] body) {
        try (JsonParser p = LogJson.MAPPER.createParser(body)) {
            p.nextToken();
            p.skipChildren();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int firstNonSpace(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                // a UTF-8 byte order mark is whitespace too
                if ((c & 0xff) == 0xEF && i + 2 < b.length && (b[i + 1] & 0xff) == 0xBB && (b[i + 2] & 0xff) == 0xBF) {
                    i += 2;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }

    static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return b.length;
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
