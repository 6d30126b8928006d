package dev.vigil.console.pages;

import dev.vigil.console.api.ApiException;

/**
 * An error to show beside a form field: the API's own message (or the console's, for a form the API never saw) and
 * the form field it belongs to.
 *
 * @param field  the {@code name} of the form control the message is shown beside
 * @param status the HTTP status of the page that shows it
 */
public record ApiError(String field, String message, int status) {

    /** A console-side error (HTTP 400) on {@code field}. */
    public ApiError(String field, String message) {
        this(field, message, 400);
    }

    /** The API's error {@code e}, shown beside {@code field}. */
    public static ApiError of(ApiException e, String field) {
        return new ApiError(field, e.getMessage(), e.status());
    }

    /**
     * The Findings filter field that a ListFindings error message names (the API names the criterion, e.g.
     * {@code accountId}); {@code filter} (the form as a whole) when it names none of them.
     */
    static String filterField(String message) {
        String m = message == null ? "" : message;
        if (m.contains("accountId")) {
            return "account";
        }
        if (m.contains("instanceId")) {
            return "resource";
        }
        if (m.contains("updatedAt")) {
            return "since";
        }
        if (m.contains("severity")) {
            return "severity";
        }
        if (m.contains("type")) {
            return "type";
        }
        return "filter";
    }

    /**
     * The first of {@code fields} (form control names, also the API's member names) that {@code message} names, or
     * {@code fallback} when it names none of them.
     */
    public static String fieldIn(String message, String fallback, String... fields) {
        String m = message == null ? "" : message;
        for (String f : fields) {
            if (m.contains(f)) {
                return f;
            }
        }
        return fallback;
    }

    /** Whether the message belongs beside {@code name} (for templates). */
    public boolean on(String name) {
        return field.equals(name);
    }
}
