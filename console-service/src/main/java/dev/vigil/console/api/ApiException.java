package dev.vigil.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

/**
 * An error answer of the GuardDuty API: its HTTP status, GuardDuty's {@code __type} (e.g. {@code BadRequestException})
 * and {@code message}, which the console shows as is beside the form that caused it.
 */
public class ApiException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String type;

    /** An error of HTTP {@code status} with GuardDuty's {@code type} and {@code message}. */
    public ApiException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    /** Reads GuardDuty's error shape ({@code {"message", "__type"}}) from an error answer; any body is tolerated. */
    public static ApiException of(Response response) {
        String message = "The API answered HTTP " + response.getStatus() + ".";
        String type = response.getHeaderString("x-amzn-ErrorType");
        try {
            String body = response.readEntity(String.class);
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (json != null && json.hasNonNull("message")) {
                message = json.get("message").asText();
            }
            if (json != null && json.hasNonNull("__type")) {
                type = json.get("__type").asText();
            }
        } catch (Exception e) {
            // not JSON (a proxy's page): keep the status line
        }
        return new ApiException(response.getStatus(), type == null ? "" : type, message);
    }

    /** The HTTP status of the answer (400, 401, 403, 404, 500, ...). */
    public int status() {
        return status;
    }

    /** GuardDuty's error type, e.g. {@code BadRequestException}; empty when the answer named none. */
    public String type() {
        return type;
    }
}
