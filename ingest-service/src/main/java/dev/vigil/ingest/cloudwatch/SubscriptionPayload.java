package dev.vigil.ingest.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.parse.LogJson;
import dev.vigil.ingest.body.BodyReader;
import dev.vigil.web.GuardDutyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * CloudWatch Logs subscription payloads
 * (<a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html">subscription
 * filters</a>): what a subscription filter delivers to Kinesis, Firehose or Lambda, a JSON object
 * {@code {messageType, owner, logGroup, logStream, subscriptionFilters, logEvents:[{id, timestamp, message}]}},
 * gzip-compressed, and base64-encoded where the transport carries text (Firehose records, Lambda's
 * {@code awslogs.data}). AWS first sends a {@code CONTROL_MESSAGE} to check that the destination is reachable, then
 * {@code DATA_MESSAGE}s whose events' {@code message}s are the log lines themselves: VPC Flow Log records (without a
 * header line, so the default format only), Route 53 Resolver query log JSON, or CloudTrail events.
 *
 * <p>{@link #unpack} turns such a payload into the body the log parsers read, one event's message per line, so line
 * {@code n} of the parser's errors (index {@code n - 1} for CloudTrail) is {@code logEvents[n - 1]}.
 */
public final class SubscriptionPayload {

    /** How far into a JSON body {@code "messageType"} is looked for (AWS writes it first). */
    private static final int SNIFF_BYTES = 4096;
    private static final byte[] MESSAGE_TYPE = "\"messageType\"".getBytes(StandardCharsets.US_ASCII);
    /** Base64 of the gzip magic bytes and deflate method (1f 8b 08): every base64 gzip stream starts so. */
    private static final String BASE64_GZIP = "H4sI";
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    /** What a payload held: a control message, or the log lines of a data message joined by newlines. */
    public record Unpacked(boolean control, byte[] lines, int events) {
    }

    private SubscriptionPayload() {
    }

    /**
     * The log lines of {@code body} when it is a subscription payload (plain JSON, or base64 of gzip JSON; raw
     * gzip was already undone by {@link BodyReader}), else {@code null}: the body is then read as it is.
     *
     * @param maxBytes the largest decompressed payload accepted
     * @throws GuardDutyException 400 when the body is a payload but not a valid one (bad base64 or gzip, not JSON,
     *         an unknown {@code messageType}, {@code logEvents} missing, an event without a text {@code message});
     *         413 when its decompressed size is over {@code maxBytes}
     */
    public static Unpacked unpack(byte[] body, long maxBytes) {
        int start = firstNonBlank(body);
        if (start < 0) {
            return null;
        }
        byte[] json = body;
        if (startsWith(body, start, BASE64_GZIP)) {
            json = gunzipBase64(body, start, maxBytes);
        } else if (body[start] != '{' || !mentionsMessageType(body, start)) {
            return null;
        }
        JsonNode root;
        try {
            root = LogJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw GuardDutyException.badRequest("the CloudWatch Logs subscription payload is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw GuardDutyException.badRequest("the CloudWatch Logs subscription payload could not be read");
        }
        if (root == null || !root.path("messageType").isTextual()) {
            if (json == body) {
                return null; // JSON that only mentions messageType, e.g. inside an event: not a payload
            }
            throw GuardDutyException.badRequest("the base64 gzip body is not a CloudWatch Logs subscription payload:"
                    + " no messageType");
        }
        String type = root.get("messageType").asText();
        if (type.equals("CONTROL_MESSAGE")) {
            return new Unpacked(true, new byte[0], 0);
        }
        if (!type.equals("DATA_MESSAGE")) {
            throw GuardDutyException.badRequest("messageType: '" + type
                    + "' is not a CloudWatch Logs subscription message type (DATA_MESSAGE or CONTROL_MESSAGE)");
        }
        JsonNode events = root.get("logEvents");
        if (events == null || !events.isArray()) {
            throw GuardDutyException.badRequest("logEvents: a DATA_MESSAGE must carry an array of log events");
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            JsonNode message = events.get(i).get("message");
            if (message == null || !message.isTextual()) {
                throw GuardDutyException.badRequest("logEvents[" + i + "].message: missing or not a string");
            }
            lines.append(message.asText().replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        return new Unpacked(false, lines.toString().getBytes(StandardCharsets.UTF_8), events.size());
    }

    private static byte[] gunzipBase64(byte[] body, int start, long maxBytes) {
        byte[] gzip;
        try {
            gzip = Base64.getDecoder().decode(WHITESPACE.matcher(new String(body, start, body.length - start,
                    StandardCharsets.US_ASCII)).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw GuardDutyException.badRequest("the body starts like base64 gzip (H4sI) but is not base64: "
                    + e.getMessage());
        }
        return BodyReader.read(new ByteArrayInputStream(gzip), "gzip", null, maxBytes);
    }

    private static int firstNonBlank(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int from, String prefix) {
        if (b.length - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mentionsMessageType(byte[] b, int from) {
        int end = Math.min(b.length, from + SNIFF_BYTES) - MESSAGE_TYPE.length;
        outer:
        for (int i = from; i <= end; i++) {
            for (int j = 0; j < MESSAGE_TYPE.length; j++) {
                if (b[i + j] != MESSAGE_TYPE[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
