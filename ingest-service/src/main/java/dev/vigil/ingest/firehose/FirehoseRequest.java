package dev.vigil.ingest.firehose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.parse.LogJson;
import dev.vigil.web.GuardDutyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of an Amazon Data Firehose HTTP endpoint delivery request
 * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/httpdeliveryrequestresponse.html">request and response
 * specifications</a>, protocol version 1.0): {@code {"requestId": "<GUID>", "timestamp": <epoch ms>,
 * "records": [{"data": "<base64>"}, ...]}}, already gunzipped when the stream compresses ({@code Content-Encoding:
 * gzip}). Firehose keeps the request ID on every retry of the same request.
 *
 * @param requestId the request's ID (1 to 256 characters)
 * @param timestamp when Firehose built the request, UTC epoch milliseconds
 * @param records   each record's {@code data}, base64-decoded, in request order (index = position in {@code records})
 */
public record FirehoseRequest(String requestId, long timestamp, List<byte[]> records) {

    /** The longest request ID accepted (Firehose sends a GUID, 36 characters). */
    static final int MAX_REQUEST_ID = 256;

    /**
     * Parses a request body.
     *
     * @throws GuardDutyException 400 when the body is not JSON, {@code requestId} is missing or not a string of 1 to
     *         256 characters, {@code timestamp} is not a number, {@code records} is not an array, or a record is not
     *         an object with a base64 {@code data} string (the message names the record: {@code records[i]})
     */
    public static FirehoseRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = LogJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw GuardDutyException.badRequest("the body is not a Firehose request: not valid JSON ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw GuardDutyException.badRequest("the body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw GuardDutyException.badRequest("the body is not a Firehose request: not a JSON object");
        }
        JsonNode id = root.get("requestId");
        if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_REQUEST_ID) {
            throw GuardDutyException.badRequest("requestId: missing or not a string of 1 to " + MAX_REQUEST_ID + " characters");
        }
        JsonNode ts = root.get("timestamp");
        if (ts != null && !ts.isNull() && !ts.isIntegralNumber()) {
            throw GuardDutyException.badRequest("timestamp: not a number of epoch milliseconds");
        }
        JsonNode records = root.get("records");
        if (records == null || !records.isArray()) {
            throw GuardDutyException.badRequest("records: missing or not an array");
        }
        List<byte[]> data = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode d = records.get(i).get("data");
            if (d == null || !d.isTextual()) {
                throw GuardDutyException.badRequest("records[" + i + "].data: missing or not a string");
            }
            try {
                data.add(Base64.getDecoder().decode(d.asText()));
            } catch (IllegalArgumentException e) {
                throw GuardDutyException.badRequest("records[" + i + "].data: not valid base64 (" + e.getMessage() + ")");
            }
        }
        return new FirehoseRequest(id.asText(), ts == null ? 0 : ts.asLong(), data);
    }
}
