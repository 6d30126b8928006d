package dev.vigil.ingest.parse;

/**
 * Receives what a parser makes of a body, in body order. Parsers never throw on bad input: every line or element
 * ends in exactly one call of {@link #accept}, {@link #reject} or {@link #skip} (blank lines and header lines in
 * none).
 *
 * @param <T> the contract record type
 */
public interface ParseSink<T> {

    /**
     * A valid record.
     *
     * @param record    the normalised record
     * @param pos       its line or index
     * @param sizeBytes its size in the body as received (UTF-8 bytes), used for usage metering
     */
    void accept(T record, Pos pos, int sizeBytes);

    /** A line or element that is not a valid record; {@code reason} says which field and why. */
    void reject(Pos pos, String reason);

    /** A line or element that is valid but not a record to analyse (CloudTrail Insights events, digest files). */
    void skip(Pos pos, String reason);
}
