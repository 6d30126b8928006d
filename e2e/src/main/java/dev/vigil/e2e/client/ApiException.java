package dev.vigil.e2e.client;

/** A non-2xx answer from a Vigil service or Keycloak, or a transport failure (status 0). */
public class ApiException extends RuntimeException {
    private final int status;
    private final String body;

    public ApiException(int status, String message, String body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status, 0 when the request never got an answer. */
    public int status() {
        return status;
    }

    /**
     * A short description for tables: {@code HTTP 400 BadRequestException: <message>} when the body has GuardDuty's
     * error shape, else {@code HTTP <status>} or the transport error.
     */
    public String brief() {
        if (status == 0) {
            return getMessage();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            if (n != null && n.has("message")) {
                return "HTTP " + status + " " + n.path("__type").asText("") + ": " + n.path("message").asText();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON
        }
        return "HTTP " + status;
    }

    /** The raw response body (may be empty). */
    public String body() {
        return body;
    }
}
