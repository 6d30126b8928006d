package dev.vigil.accounts.feeds;

import java.time.Instant;

/**
 * What this replica knows of one feed: its last good copy (entries, when fetched, validators) and its last attempt.
 *
 * @param entries      entries of the last good copy, 0 before the first
 * @param goodAt       when the last good copy was fetched or confirmed unchanged (304), {@code null} before the first
 * @param etag         the last good copy's {@code ETag}, or {@code null}
 * @param lastModified the last good copy's {@code Last-Modified}, or {@code null}
 * @param attemptAt    when the feed was last tried
 * @param error        why the last attempt did not give a good copy ({@code null}: it did); the last good copy stays
 */
public record FeedStatus(int entries, Instant goodAt, String etag, String lastModified, Instant attemptAt, String error) {

    /** Before the first attempt. */
    static final FeedStatus NEW = new FeedStatus(0, null, null, null, null, null);

    /** Whether the feed is serving its latest attempt's copy (no error since the last good one). */
    public boolean healthy() {
        return error == null && goodAt != null;
    }
}
