package dev.vigil.detector.enrichment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * TESTS ONLY: small City and ASN databases written with {@link MmdbTestWriter} in GeoLite2's record layout (the
 * layout MaxMind's reader maps onto {@code CityResponse} and {@code AsnResponse}), with documentation addresses:
 *
 * <pre>
 * 198.51.100.0/24   Paris, France (48.8566, 2.3522)      AS64500 "Example Transit"
 * 203.0.113.0/24    Sydney, Australia (-33.8688, 151.2093) AS64500 "Example Transit"
 * 192.0.2.0/24      (no location)                         AS64501 "Other Networks"
 * 2001:db8::/32     Berlin, Germany (52.52, 13.405)       AS64502 "Example v6"
 * </pre>
 */
public final class TestDatabases {

    /** The City database. */
    public final Path city;
    /** The ASN database. */
    public final Path asn;

    private TestDatabases(Path city, Path asn) {
        this.city = city;
        this.asn = asn;
    }

    /** Writes both databases into a new directory under {@code target/}. */
    public static TestDatabases create() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "mmdb-test")), "db");
            Path city = dir.resolve("test-city.mmdb");
            Path asn = dir.resolve("test-asn.mmdb");
            new MmdbTestWriter("GeoLite2-City")
                    .put("198.51.100.0/24", place("FR", "France", "Paris", 48.8566, 2.3522))
                    .put("203.0.113.0/24", place("AU", "Australia", "Sydney", -33.8688, 151.2093))
                    .put("2001:db8::/32", place("DE", "Germany", "Berlin", 52.52, 13.405))
                    .write(city);
            new MmdbTestWriter("GeoLite2-ASN")
                    .put("198.51.100.0/24", as(64500, "Example Transit"))
                    .put("203.0.113.0/24", as(64500, "Example Transit"))
                    .put("192.0.2.0/24", as(64501, "Other Networks"))
                    .put("2001:db8::/32", as(64502, "Example v6"))
                    .write(asn);
            return new TestDatabases(city, asn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> place(String code, String country, String city, double lat, double lon) {
        return Map.of("country", Map.of("iso_code", code, "names", Map.of("en", country), "geoname_id", 1L),
                "city", Map.of("names", Map.of("en", city), "geoname_id", 2L),
                "location", Map.of("latitude", lat, "longitude", lon, "accuracy_radius", 100));
    }

    private static Map<String, Object> as(long number, String org) {
        return Map.of("autonomous_system_number", number, "autonomous_system_organization", org);
    }
}
