package dev.vigil.web.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.web.tags.Tags;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The tag operations as the AWS CLI and SDKs send them (the ARN percent-encoded in the path), for the module tests
 * of the services that own taggable resources, and the answers every such service gives alike.
 */
public final class TagCalls {

    private TagCalls() {
    }

    /** {@code arn} percent-encoded as one path element (':' as %3A, '/' as %2F). */
    public static String encoded(Object arn) {
        return URLEncoder.encode(arn.toString(), StandardCharsets.UTF_8);
    }

    /** ListTagsForResource. */
    public static ValidatableResponse list(Object arn) {
        return given().urlEncodingEnabled(false).get("/tags/" + encoded(arn)).then();
    }

    /** TagResource with the JSON {@code body}. */
    public static ValidatableResponse tag(Object arn, String body) {
        return given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(body).post("/tags/" + encoded(arn)).then();
    }

    /** UntagResource with the raw {@code query} (e.g. {@code ?tagKeys=a&tagKeys=b}, or empty). */
    public static ValidatableResponse untag(Object arn, String query) {
        return given().urlEncodingEnabled(false).delete("/tags/" + encoded(arn) + query).then();
    }

    /**
     * Sends {@code n} TagResource calls at once, each adding its own key, and asserts that the resource then has all
     * {@code n} tags (a read-modify-write without a lock loses some).
     */
    public static void tagConcurrently(Object arn, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (Future<Object> f : pool.invokeAll(IntStream.range(0, n).<Callable<Object>>mapToObj(i -> () ->
                    tag(arn, "{\"tags\":{\"k" + i + "\":\"v\"}}").statusCode(204)).toList())) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        list(arn).statusCode(200).body("tags", aMapWithSize(n));
    }

    /** Asserts the one answer to a malformed ARN, another tenant's resource and a missing one. */
    public static void notFound(ValidatableResponse r) {
        r.statusCode(400).body("__type", equalTo("BadRequestException")).body("message", equalTo(Tags.RESOURCE_NOT_FOUND));
    }

    /** Asserts a 400 BadRequestException whose message contains {@code message}. */
    public static void badRequest(ValidatableResponse r, String message) {
        r.statusCode(400).body("__type", equalTo("BadRequestException")).body("message", containsString(message));
    }
}
