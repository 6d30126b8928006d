package dev.vigil.detector.enrichment;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Optional enrichment of findings with MaxMind databases ({@code detector.enrichment.*}). Without a path, the
 * corresponding fields are absent and every detection works as before.
 */
@ConfigMapping(prefix = "detector.enrichment")
public interface EnrichmentConfig {

    /**
     * A MaxMind GeoIP2 or GeoLite2 City database ({@code .mmdb}): adds {@code country}, {@code city} and
     * {@code geoLocation} to every {@code remoteIpDetails}.
     */
    Optional<String> geoipCityDb();

    /**
     * A MaxMind GeoLite2/GeoIP2 ASN database, or a GeoIP2 ISP database ({@code .mmdb}): adds {@code organization}
     * to every {@code remoteIpDetails}, and makes the caller's network of the AnomalousBehavior rules its autonomous
     * system instead of its /16 or /48.
     */
    Optional<String> asnDb();
}
