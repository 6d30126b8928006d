package dev.vigil.detector.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.IspResponse;
import dev.vigil.detector.rules.Net;
import inet.ipaddr.IPAddress;
import io.quarkus.logging.Log;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Location and network owner of remote addresses from MaxMind databases, read with MaxMind's Java reader
 * ({@code com.maxmind.geoip2:geoip2}), in GuardDuty's {@code RemoteIpDetails} members (API model
 * {@code guardduty-2017-11-28}: {@code City.cityName}, {@code Country.countryCode/countryName},
 * {@code GeoLocation.lat/lon}, {@code Organization.asn/asnOrg/isp/org}).
 *
 * <p>Either database is optional. An ASN database (GeoLite2-ASN, GeoIP2-ASN) knows the autonomous system only, so
 * {@code isp} and {@code org} then carry the AS organisation; a GeoIP2-ISP database given as the ASN database fills
 * them with its own {@code isp} and {@code organization}. Addresses a database does not hold (private ranges, for
 * example) get nothing from it. Names are MaxMind's English ones. Thread-safe: one instance serves every stream task.
 */
public final class GeoIp implements AutoCloseable {

    private static final GeoIp NONE = new GeoIp(null, null);

    private final DatabaseReader city;
    private final DatabaseReader asn;
    private final boolean isp;

    private GeoIp(DatabaseReader city, DatabaseReader asn) {
        this.city = city;
        this.asn = asn;
        this.isp = asn != null && asn.getMetadata().databaseType().contains("ISP");
    }

    /** No databases: {@link #enrich} changes nothing and {@link #asn} is always empty. */
    public static GeoIp none() {
        return NONE;
    }

    /** The databases of {@code config}. */
    public static GeoIp of(EnrichmentConfig config) {
        return open(config.geoipCityDb(), config.asnDb());
    }

    /**
     * Opens the databases at the given paths (memory-mapped, with MaxMind's concurrent cache).
     *
     * @throws IllegalArgumentException naming the path when a file cannot be read as a MaxMind database
     */
    public static GeoIp open(Optional<String> cityDb, Optional<String> asnDb) {
        if (cityDb.isEmpty() && asnDb.isEmpty()) {
            return NONE;
        }
        return new GeoIp(cityDb.map(GeoIp::reader).orElse(null), asnDb.map(GeoIp::reader).orElse(null));
    }

    private static DatabaseReader reader(String path) {
        try {
            DatabaseReader r = new DatabaseReader.Builder(new File(path)).withCache(new CHMCache()).build();
            Log.infof("enrichment: %s (%s, built %s)", path, r.getMetadata().databaseType(),
                    r.getMetadata().buildTime());
            return r;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable MaxMind database: " + path, e);
        }
    }

    /** Whether an ASN (or ISP) database is configured. */
    public boolean hasAsn() {
        return asn != null;
    }

    /** The autonomous system number of {@code address} ({@code AS15169}), if an ASN database holds it. */
    public Optional<String> asn(String address) {
        return asnNumber(Net.parse(address)).map(n -> "AS" + n);
    }

    private Optional<Long> asnNumber(IPAddress ip) {
        if (asn == null || ip == null) {
            return Optional.empty();
        }
        try {
            InetAddress a = ip.withoutPrefixLength().toInetAddress();
            return isp ? asn.tryIsp(a).map(IspResponse::autonomousSystemNumber)
                    : asn.tryAsn(a).map(AsnResponse::autonomousSystemNumber);
        } catch (IOException | com.maxmind.geoip2.exception.GeoIp2Exception | RuntimeException e) {
            return Optional.empty(); // e.g. an IPv6 address in an IPv4-only database
        }
    }

    /**
     * Adds {@code country}, {@code city}, {@code geoLocation} and {@code organization} to every
     * {@code remoteIpDetails} object inside {@code action} (any depth: {@code networkConnectionAction},
     * {@code awsApiCallAction}, {@code portProbeAction.portProbeDetails[*]}, ...), in place, from the address in its
     * {@code ipAddressV4} or {@code ipAddressV6}. Fields already present are kept.
     */
    public void enrich(JsonNode action) {
        if ((city == null && asn == null) || action == null) {
            return;
        }
        for (JsonNode details : action.findValues("remoteIpDetails")) {
            if (details instanceof ObjectNode o) {
                enrichDetails(o);
            } else if (details.isArray()) {
                details.forEach(d -> {
                    if (d instanceof ObjectNode o) {
                        enrichDetails(o);
                    }
                });
            }
        }
    }

    private void enrichDetails(ObjectNode d) {
        String text = d.hasNonNull("ipAddressV4") ? d.get("ipAddressV4").asText() : d.path("ipAddressV6").asText(null);
        IPAddress ip = Net.parse(text);
        if (ip == null) {
            return;
        }
        InetAddress a = ip.withoutPrefixLength().toInetAddress();
        try {
            if (city != null) {
                Optional<CityResponse> c = city.tryCity(a);
                c.ifPresent(r -> location(d, r));
            }
            if (asn != null) {
                organization(d, a);
            }
        } catch (IOException | com.maxmind.geoip2.exception.GeoIp2Exception | RuntimeException e) {
            Log.debugf(e, "enrichment: no data for %s", text);
        }
    }

    private static void location(ObjectNode d, CityResponse r) {
        if (r.country() != null && r.country().isoCode() != null && !d.has("country")) {
            ObjectNode country = d.putObject("country");
            country.put("countryCode", r.country().isoCode());
            String name = r.country().names().get("en");
            if (name != null) {
                country.put("countryName", name);
            }
        }
        if (r.city() != null && r.city().names().get("en") != null && !d.has("city")) {
            d.putObject("city").put("cityName", r.city().names().get("en"));
        }
        if (r.location() != null && r.location().latitude() != null && r.location().longitude() != null
                && !d.has("geoLocation")) {
            ObjectNode g = d.putObject("geoLocation");
            g.put("lat", r.location().latitude());
            g.put("lon", r.location().longitude());
        }
    }

    private void organization(ObjectNode d, InetAddress a) throws IOException, com.maxmind.geoip2.exception.GeoIp2Exception {
        if (d.has("organization")) {
            return;
        }
        Long number;
        String asOrg;
        String ispName;
        String org;
        if (isp) {
            Optional<IspResponse> r = asn.tryIsp(a);
            if (r.isEmpty()) {
                return;
            }
            number = r.get().autonomousSystemNumber();
            asOrg = r.get().autonomousSystemOrganization();
            ispName = r.get().isp();
            org = r.get().organization();
        } else {
            Optional<AsnResponse> r = asn.tryAsn(a);
            if (r.isEmpty()) {
                return;
            }
            number = r.get().autonomousSystemNumber();
            asOrg = r.get().autonomousSystemOrganization();
            ispName = asOrg;
            org = asOrg;
        }
        ObjectNode o = d.putObject("organization");
        if (number != null) {
            o.put("asn", Long.toString(number));
        }
        putIfPresent(o, "asnOrg", asOrg);
        putIfPresent(o, "isp", ispName);
        putIfPresent(o, "org", org);
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    @Override
    public void close() throws IOException {
        if (city != null) {
            city.close();
        }
        if (asn != null) {
            asn.close();
        }
    }
}
