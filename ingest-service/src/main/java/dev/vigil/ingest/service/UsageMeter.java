package dev.vigil.ingest.service;

import dev.vigil.events.UsageRecord;
import dev.vigil.ingest.parse.EventIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums one request's accepted records per account, region, resource and UTC hour of their event time into
 * {@link UsageRecord}s (bytes as received for flow and DNS logs, 0 for CloudTrail; events always). Each usage
 * record's ID is derived from the event IDs it sums, so re-submitting the same file yields the same usage IDs and
 * accounts-service counts it once.
 */
final class UsageMeter {

    private static final long HOUR = 3_600_000L;

    private record Key(String account, String region, String resource, long hourStart) {
    }

    private static final class Sum {
        long bytes;
        long events;
        final MessageDigest ids;

        Sum() {
            try {
                ids = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
            }
        }
    }

    private final Source source;
    private final Map<Key, Sum> sums = new LinkedHashMap<>();

    UsageMeter(Source source) {
        this.source = source;
    }

    void add(String account, String region, String resource, long eventTimeMillis, int sizeBytes, String eventId) {
        Key k = new Key(account, region, resource, Math.floorDiv(eventTimeMillis, HOUR) * HOUR);
        Sum s = sums.computeIfAbsent(k, x -> new Sum());
        if (source.meteredInBytes) {
            s.bytes += sizeBytes;
        }
        s.events++;
        s.ids.update(eventId.getBytes(StandardCharsets.US_ASCII));
    }

    List<UsageRecord> records() {
        List<UsageRecord> out = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> {
            byte[] digest = s.ids.digest();
            String id = EventIds.of(k.account(), "usage-" + source.dataSource, digest, 0, digest.length);
            out.add(new UsageRecord(UsageRecord.SCHEMA_VERSION, id, k.account(), k.region(), source.dataSource,
                    k.resource(), k.hourStart(), s.bytes, s.events));
        });
        return out;
    }
}
