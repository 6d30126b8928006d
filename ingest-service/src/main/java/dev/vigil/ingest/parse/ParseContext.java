package dev.vigil.ingest.parse;

/**
 * What a parser needs besides the body.
 *
 * @param fallbackAccountId   the account used when a record names none (the caller's token account), or {@code null}
 * @param fallbackRegion      the region used when a record names none (request parameter or deployment default)
 * @param nowMillis           the receive time, UTC epoch milliseconds
 * @param maxFutureSkewMillis how far in the future a record's event time may lie (clock skew); later is rejected,
 *                            because the broker refuses such timestamps ({@code log.message.timestamp.after.max.ms},
 *                            one hour by default since Kafka 4.0)
 * @param jsonFieldCapBytes   largest serialised size (bytes) of CloudTrail {@code requestParameters},
 *                            {@code responseElements} and {@code additionalEventData} kept as they are
 * @param submissionId        what makes this submission's event IDs its own: a client's {@code Idempotency-Key}
 *                            (a retry with the same key gives the same IDs, so nothing is counted twice), a random
 *                            ID per request otherwise (the same file sent again is new activity and counts again), or
 *                            {@code null} for IDs that depend on the content alone
 */
public record ParseContext(String fallbackAccountId, String fallbackRegion, long nowMillis, long maxFutureSkewMillis,
        int jsonFieldCapBytes, String submissionId) {

    /** Default cap of one CloudTrail JSON member: 64 KiB. */
    public static final int DEFAULT_JSON_FIELD_CAP = 64 * 1024;
    /** Default tolerated clock skew: 15 minutes. */
    public static final long DEFAULT_FUTURE_SKEW_MILLIS = 15 * 60 * 1000L;

    /** A context with the default skew and cap. */
    public static ParseContext of(String fallbackAccountId, String fallbackRegion, long nowMillis) {
        return new ParseContext(fallbackAccountId, fallbackRegion, nowMillis, DEFAULT_FUTURE_SKEW_MILLIS,
                DEFAULT_JSON_FIELD_CAP, null);
    }

    /** The name space of event IDs for {@code source} in this submission (see {@code submissionId}). */
    public String idScope(String source) {
        return submissionId == null ? source : source + "#" + submissionId;
    }

    /** The latest acceptable event time, UTC epoch milliseconds. */
    public long latestEventTimeMillis() {
        return nowMillis + maxFutureSkewMillis;
    }
}
