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

    /** The raw response body (may be empty). */
    public String body() {
        return body;
    }
}
