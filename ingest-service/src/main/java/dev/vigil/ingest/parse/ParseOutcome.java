package dev.vigil.ingest.parse;

/**
 * Whether a body was the declared format at all. When it was not ({@code recognised == false}), the parser
 * accepted no record and the whole body is refused (HTTP 400) with {@code reason}.
 */
public record ParseOutcome(boolean recognised, String reason) {

    /** The body was the declared format (some lines or elements may still have been rejected). */
    public static final ParseOutcome RECOGNISED = new ParseOutcome(true, null);

    /** The body is not the declared format at all. */
    public static ParseOutcome notFormat(String reason) {
        return new ParseOutcome(false, reason);
    }
}
