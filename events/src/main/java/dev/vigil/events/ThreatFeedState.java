package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The last good copy of one operator-configured threat-intelligence feed on the compacted topic
 * {@link Topics#THREAT_FEEDS}, keyed by feed name. Every detector replica reads the whole topic and lets the feed
 * replace the built-in snapshot of the same {@code listName} (or add a list to {@code category}); a {@code null}
 * value (tombstone) removes the feed, and the built-in snapshot applies again.
 *
 * @param feedName   the operator's name of the feed ({@code vigil.feeds."name".*})
 * @param category   the built-in category it feeds, as the detector's {@code Category} enum names it (e.g. {@code C2})
 * @param listName   the list it replaces or adds, reported as {@code threatListName} ({@code Vigil:<listName>})
 * @param entries    addresses, CIDR blocks and domains ({@code *.domain} for subdomains only), one per element
 * @param source     the URL it was fetched from
 * @param fetchedAt  when this copy was fetched, UTC epoch milliseconds
 * @param version    increases with every published copy of this feed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreatFeedState(int schemaVersion, String feedName, String category, String listName,
        List<String> entries, String source, long fetchedAt, long version) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;
}
