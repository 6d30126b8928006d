package dev.vigil.ingest.parse;

/**
 * Where a record sits in a submitted body: a 1-based line number (line-oriented formats: flow logs, DNS JSON
 * lines) or a 0-based element index (JSON arrays, CloudTrail {@code Records}).
 *
 * @param isLine whether {@code n} is a line number (else an element index)
 * @param n      the 1-based line or 0-based index
 */
public record Pos(boolean isLine, long n) {

    /** A 1-based line number. */
    public static Pos line(long line) {
        return new Pos(true, line);
    }

    /** A 0-based element index. */
    public static Pos index(long index) {
        return new Pos(false, index);
    }

    /** A per-line error at this position. */
    public LineError error(String reason) {
        return isLine ? new LineError(n, null, reason) : new LineError(null, n, reason);
    }
}
