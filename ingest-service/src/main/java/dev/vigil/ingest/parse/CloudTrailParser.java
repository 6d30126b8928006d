package dev.vigil.ingest.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.Json;
import dev.vigil.ingest.parse.Values.BadValue;
import java.io.IOException;
import java.io.OutputStream;
import java.util.regex.Pattern;

/**
 * Parses CloudTrail into {@link CloudTrailRecord}s
 * (<a href="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html">
 * record contents</a>). The body is a CloudTrail log file ({@code {"Records":[...]}}, read element by element), a
 * JSON array of events, one event, an EventBridge "AWS API Call via CloudTrail" envelope (its {@code detail}), or a
 * sequence of these (one per line, as exported from CloudWatch Logs). Elements are numbered by a 0-based index over
 * the whole body.
 *
 * <ul>
 * <li>Every {@code userIdentity.type} is kept as written, also when absent (AWS service events).</li>
 * <li>{@code sourceIPAddress} is kept as a string: it may be a host name ({@code ec2.amazonaws.com}) or no
 * address at all ({@code AWS Internal}).</li>
 * <li>Insights events ({@code eventType} {@code AwsCloudTrailInsight}) and digest files ({@code digestStartTime})
 * are recognised and skipped.</li>
 * <li>{@code requestParameters}, {@code responseElements} and {@code additionalEventData} are kept as JSON up to
 * {@link ParseContext#jsonFieldCapBytes()} serialised bytes each; a larger one is replaced by
 * {@code {"vigilTruncated":true,"originalSizeBytes":N}}.</li>
 * <li>The record's account is {@code recipientAccountId}, else {@code userIdentity.accountId}, else the caller's;
 * its region is {@code awsRegion}, else the fallback. {@code eventTime} must be an ISO-8601 UTC time.</li>
 * <li>Invalid JSON before the first element refuses the body; after it, the error is reported at the element
 * where it occurred and the rest of the body is not read (what was accepted before stays accepted).</li>
 * </ul>
 * The parser is stateless and thread-safe; it never throws on bad input.
 */
public final class CloudTrailParser {

    static final String SOURCE = "cloudtrail";
    /** The {@code eventType} of CloudTrail Insights events. */
    public static final String INSIGHT = "AwsCloudTrailInsight";
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /**
     * Parses {@code body} (UTF-8 JSON).
     *
     * @return not recognised when the body is not JSON, or no element is a CloudTrail event, envelope, Insights
     *         event or digest file; then nothing was accepted
     */
    public ParseOutcome parse(byte[] body, ParseContext ctx, ParseSink<CloudTrailRecord> sink) {
        State st = new State(body, ctx, sink);
        try (JsonParser p = LogJson.MAPPER.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    array(p, st);
                } else if (t == JsonToken.START_OBJECT) {
                    rootObject(p, st);
                } else {
                    st.any = true;
                    sink.reject(Pos.index(st.index++), "not a JSON object or array");
                }
            }
        } catch (JsonProcessingException e) {
            if (!st.any) {
                return ParseOutcome.notFormat("the body is not CloudTrail JSON: " + JsonValues.describe(e));
            }
            sink.reject(Pos.index(st.index), JsonValues.describe(e) + "; the rest of the body was not read");
        } catch (IOException e) {
            return ParseOutcome.notFormat("the body could not be read as JSON");
        }
        return st.cloudTrailLike ? ParseOutcome.RECOGNISED
                : ParseOutcome.notFormat("the body is not CloudTrail: no element is an event, an EventBridge envelope,"
                        + " an Insights event or a digest file");
    }

    private static final class State {
        final byte[] body;
        final ParseContext ctx;
        final ParseSink<CloudTrailRecord> sink;
        long index;
        boolean any;
        boolean cloudTrailLike;

        State(byte[] body, ParseContext ctx, ParseSink<CloudTrailRecord> sink) {
            this.body = body;
            this.ctx = ctx;
            this.sink = sink;
        }
    }

    /** Streams the elements of an array whose START_ARRAY was just read. */
    private void array(JsonParser p, State st) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of the body");
            }
            int from = (int) p.currentTokenLocation().getByteOffset();
            JsonNode node = p.readValueAsTree();
            int to = (int) p.currentLocation().getByteOffset();
            element(node, st, from, to);
        }
    }

    /** A root object: a {@code Records} member is streamed; anything else is read whole and classified. */
    private void rootObject(JsonParser p, State st) throws IOException {
        int from = (int) p.currentTokenLocation().getByteOffset();
        ObjectNode obj = Json.MAPPER.createObjectNode();
        boolean records = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("Records".equals(name) && v == JsonToken.START_ARRAY) {
                records = true;
                st.cloudTrailLike = true;
                array(p, st);
            } else {
                obj.set(name, p.readValueAsTree());
            }
        }
        if (t == null) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of the body");
        }
        if (!records) {
            int to = (int) p.currentLocation().getByteOffset();
            element(obj, st, from, to);
        }
    }

    private void element(JsonNode node, State st, int from, int to) {
        st.any = true;
        Pos pos = Pos.index(st.index++);
        if (node == null || !node.isObject()) {
            st.sink.reject(pos, "not a JSON object");
            return;
        }
        if (node.has("digestStartTime") || node.has("digestS3Object")) {
            st.cloudTrailLike = true;
            st.sink.skip(pos, "CloudTrail digest file");
            return;
        }
        JsonNode event = node;
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isObject() && (node.has("detail-type") || node.has("source"))) {
            event = detail;
        }
        if (INSIGHT.equals(event.path("eventType").asText(null)) || event.has("insightDetails")) {
            st.cloudTrailLike = true;
            st.sink.skip(pos, "CloudTrail Insights event");
            return;
        }
        if (!(event.has("eventTime") || event.has("eventName") || event.has("eventSource")
                || event.has("eventVersion"))) {
            st.sink.reject(pos, "not a CloudTrail event: no eventTime, eventName, eventSource or eventVersion");
            return;
        }
        st.cloudTrailLike = true;
        try {
            st.sink.accept(toRecord(event, st, from, to), pos, to - from);
        } catch (BadValue e) {
            st.sink.reject(pos, e.getMessage());
        }
    }

    private static CloudTrailRecord toRecord(JsonNode e, State st, int from, int to) throws BadValue {
        ParseContext ctx = st.ctx;
        JsonNode ui = JsonValues.object(e, "userIdentity");
        String recipient = JsonValues.text(e, "recipientAccountId");
        String identityAccount = ui == null ? null : JsonValues.text(ui, "accountId");
        String awsAccount;
        if (recipient != null && !recipient.isEmpty()) {
            awsAccount = Values.account("recipientAccountId", recipient);
        } else if (identityAccount != null && !identityAccount.isEmpty()) {
            awsAccount = Values.account("userIdentity.accountId", identityAccount);
        } else {
            awsAccount = ctx.fallbackAccountId();
        }
        if (awsAccount == null) {
            throw new BadValue("recipientAccountId: the event names no account and the caller's token names none");
        }
        String awsRegion = JsonValues.region(e, "awsRegion");
        String eventTime = JsonValues.text(e, "eventTime");
        Values.isoTime("eventTime", eventTime, ctx);
        CloudTrailRecord.UserIdentity identity = ui == null ? null
                : new CloudTrailRecord.UserIdentity(JsonValues.text(ui, "type"), JsonValues.text(ui, "principalId"),
                        JsonValues.text(ui, "arn"), identityAccount, JsonValues.text(ui, "accessKeyId"),
                        JsonValues.text(ui, "userName"), JsonValues.text(ui, "invokedBy"),
                        JsonValues.text(ui, "identityProvider"), JsonValues.json(ui, "sessionContext"));
        String cloudTrailId = JsonValues.text(e, "eventID");
        String eventId = cloudTrailId != null && UUID_TEXT.matcher(cloudTrailId).matches()
                ? EventIds.of(awsAccount, ctx.idScope(SOURCE), cloudTrailId)
                : EventIds.of(awsAccount, ctx.idScope(SOURCE), st.body, from, to - from);
        boolean big = to - from > ctx.jsonFieldCapBytes();
        return new CloudTrailRecord(CloudTrailRecord.SCHEMA_VERSION, eventId, awsAccount,
                awsRegion != null ? awsRegion : ctx.fallbackRegion(), JsonValues.text(e, "eventVersion"), eventTime,
                JsonValues.text(e, "eventSource"), JsonValues.text(e, "eventName"), awsRegion,
                JsonValues.text(e, "sourceIPAddress"), JsonValues.text(e, "userAgent"), identity,
                JsonValues.text(e, "errorCode"), JsonValues.text(e, "errorMessage"),
                capped(e, "requestParameters", big, ctx), capped(e, "responseElements", big, ctx),
                capped(e, "additionalEventData", big, ctx), JsonValues.text(e, "requestID"), cloudTrailId,
                JsonValues.bool(e, "readOnly"), JsonValues.text(e, "eventType"), JsonValues.bool(e, "managementEvent"),
                recipient == null || recipient.isEmpty() ? null : recipient, JsonValues.text(e, "eventCategory"),
                JsonValues.text(e, "sessionCredentialFromConsole"), JsonValues.text(e, "vpcEndpointId"),
                JsonValues.json(e, "tlsDetails"), JsonValues.json(e, "resources"));
    }

    /** The member as JSON, or the truncation marker when its serialised form exceeds the cap. */
    private static JsonNode capped(JsonNode e, String field, boolean mayBeBig, ParseContext ctx) {
        JsonNode n = JsonValues.json(e, field);
        if (n == null || !mayBeBig || !n.isContainerNode()) {
            return n;
        }
        long size = serialisedSize(n);
        if (size <= ctx.jsonFieldCapBytes()) {
            return n;
        }
        ObjectNode marker = Json.MAPPER.createObjectNode();
        marker.put("vigilTruncated", true);
        marker.put("originalSizeBytes", size);
        return marker;
    }

    private static long serialisedSize(JsonNode n) {
        long[] count = {0};
        try (OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        }) {
            Json.MAPPER.writeValue(out, n);
        } catch (IOException ex) {
            return Long.MAX_VALUE;
        }
        return count[0];
    }
}
