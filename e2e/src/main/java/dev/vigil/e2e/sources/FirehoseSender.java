package dev.vigil.e2e.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers records as Amazon Data Firehose's HTTP endpoint destination does
 * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/httpdeliveryrequestresponse.html">request and response
 * specifications</a>): {@code POST /ingest/v1/firehose/{logSourceId}} with {@code X-Amz-Firehose-Access-Key},
 * {@code X-Amz-Firehose-Request-Id} and the body {@code {requestId, timestamp, records:[{data: base64}]}}, no bearer
 * token. Records are batched up to {@link #MAX_RECORDS} or {@link #MAX_BYTES} of data, Firehose's 1 MiB minimum
 * buffer size.
 */
public final class FirehoseSender {
    /** Records per request at most. */
    public static final int MAX_RECORDS = 500;
    /** Bytes of record data per request at most (1 MiB). */
    public static final int MAX_BYTES = 1 << 20;
    /** Attempts of one request. */
    public static final int ATTEMPTS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String url;
    private final String accessKey;

    /**
     * @param ingestUrl   ingest-service's base URL (or the gateway's)
     * @param logSourceId the {@code FIREHOSE} source
     * @param accessKey   its access key
     */
    public FirehoseSender(HttpClient http, String ingestUrl, String logSourceId, String accessKey) {
        this.http = http;
        this.url = ingestUrl.replaceAll("/+$", "") + "/ingest/v1/firehose/" + logSourceId;
        this.accessKey = accessKey;
    }

    /** What one request got: HTTP status and body. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    /**
     * Sends {@code lines} (one record each) in batches; each batch's request ID is derived from {@code batchName} and
     * its index, so sending the same lines again is a Firehose retry (counted once).
     *
     * @return one answer per request, in order
     */
    public List<Answer> send(String batchName, List<String> lines) throws IOException, InterruptedException {
        List<Answer> answers = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int bytes = 0;
        int index = 0;
        for (String line : lines) {
            int n = line.length() + 1;
            if (!batch.isEmpty() && (batch.size() >= MAX_RECORDS || bytes + n > MAX_BYTES)) {
                answers.add(post(requestId(batchName, index++), batch));
                batch.clear();
                bytes = 0;
            }
            batch.add(line);
            bytes += n;
        }
        if (!batch.isEmpty()) {
            answers.add(post(requestId(batchName, index), batch));
        }
        return answers;
    }

    /** The request ID of batch {@code index} of {@code batchName} (a name-based UUID, the same on every run). */
    public static String requestId(String batchName, int index) {
        return java.util.UUID.nameUUIDFromBytes((batchName + "#" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Posts one request of {@code lines} with {@code requestId}, retried as Firehose retries (same request ID) on a
     * 429, a 5xx or no answer, up to {@link #ATTEMPTS} times, 1, 2, 4 ... s apart.
     */
    public Answer post(String requestId, List<String> lines) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                Answer a = postOnce(requestId, lines);
                if (a.ok() || attempt >= ATTEMPTS || a.status() != 429 && a.status() < 500) {
                    return a;
                }
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
            Thread.sleep(1000L << Math.min(attempt - 1, 4));
        }
    }

    /** Posts one request once. */
    public Answer postOnce(String requestId, List<String> lines) throws IOException, InterruptedException {
        List<Map<String, String>> records = new ArrayList<>();
        for (String l : lines) {
            records.add(Map.of("data", Base64.getEncoder().encodeToString((l + "\n").getBytes(StandardCharsets.UTF_8))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("timestamp", System.currentTimeMillis());
        body.put("records", records);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(3))
            .header("Content-Type", "application/json").header("X-Amz-Firehose-Access-Key", accessKey)
            .header("X-Amz-Firehose-Request-Id", requestId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }
}
