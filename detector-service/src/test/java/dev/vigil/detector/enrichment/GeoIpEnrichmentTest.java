package dev.vigil.detector.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GeoIP/ASN enrichment of {@code remoteIpDetails} with MaxMind's real reader ({@code com.maxmind.geoip2}) on small
 * databases written by the test-only {@link MmdbTestWriter} ({@link TestDatabases} lists their contents), directly
 * and through the whole detector topology in a {@code TopologyTestDriver}. Nothing is mocked.
 */
class GeoIpEnrichmentTest {

    private static TestDatabases db;

    @BeforeAll
    static void databases() {
        db = TestDatabases.create();
    }

    private static GeoIp both() {
        return GeoIp.open(Optional.of(db.city.toString()), Optional.of(db.asn.toString()));
    }

    private static JsonNode remote(String address, GeoIp geo) {
        ObjectNode action = Blocks.networkConnection(true, "10.0.0.5", 40000, address, 443, 6, false);
        geo.enrich(action);
        assertThat(action.at("/networkConnectionAction/localIpDetails").has("country")).isFalse();
        return action.at("/networkConnectionAction/remoteIpDetails");
    }

    @Test
    void remoteIpDetailsGetGuardDutysLocationAndOrganizationMembers() throws Exception {
        try (GeoIp geo = both()) {
            JsonNode r = remote("198.51.100.50", geo);
            assertThat(r.at("/ipAddressV4").asText()).isEqualTo("198.51.100.50");
            assertThat(r.at("/country/countryCode").asText()).isEqualTo("FR");
            assertThat(r.at("/country/countryName").asText()).isEqualTo("France");
            assertThat(r.at("/city/cityName").asText()).isEqualTo("Paris");
            assertThat(r.at("/geoLocation/lat").asDouble()).isEqualTo(48.8566);
            assertThat(r.at("/geoLocation/lon").asDouble()).isEqualTo(2.3522);
            assertThat(r.at("/organization/asn").isTextual()).as("GuardDuty's Asn is a string").isTrue();
            assertThat(r.at("/organization/asn").asText()).isEqualTo("64500");
            assertThat(r.at("/organization/asnOrg").asText()).isEqualTo("Example Transit");
            assertThat(r.at("/organization/isp").asText()).isEqualTo("Example Transit");
            assertThat(r.at("/organization/org").asText()).isEqualTo("Example Transit");

            JsonNode v6 = remote("2001:db8::7", geo);
            assertThat(v6.at("/city/cityName").asText()).isEqualTo("Berlin");
            assertThat(v6.at("/organization/asn").asText()).isEqualTo("64502");

            JsonNode asOnly = remote("192.0.2.5", geo);
            assertThat(asOnly.has("country")).as("not in the City database").isFalse();
            assertThat(asOnly.at("/organization/asnOrg").asText()).isEqualTo("Other Networks");

            JsonNode unknown = remote("100.20.30.40", geo);
            assertThat(unknown.fieldNames()).toIterable().containsExactly("ipAddressV4");

            assertThat(geo.asn("203.0.113.10")).contains("AS64500");
            assertThat(geo.asn("10.1.1.1")).isEmpty();
        }
    }

    @Test
    void everyRemoteIpDetailsOfAPortProbeIsEnriched() throws Exception {
        ObjectNode action = (ObjectNode) Json.MAPPER.readTree("""
                {"actionType":"PORT_PROBE","portProbeAction":{"portProbeDetails":[
                {"remoteIpDetails":{"ipAddressV4":"198.51.100.9"}},{"remoteIpDetails":{"ipAddressV4":"203.0.113.9"}}]}}
                """);
        try (GeoIp geo = both()) {
            geo.enrich(action);
        }
        assertThat(action.findValues("remoteIpDetails")).extracting(d -> d.at("/city/cityName").asText())
                .containsExactly("Paris", "Sydney");
    }

    @Test
    void withoutDatabasesNothingIsAdded() {
        assertThat(GeoIp.open(Optional.empty(), Optional.empty())).isSameAs(GeoIp.none());
        assertThat(remote("198.51.100.50", GeoIp.none()).fieldNames()).toIterable().containsExactly("ipAddressV4");
        assertThat(GeoIp.none().asn("198.51.100.50")).isEmpty();
        assertThat(GeoIp.none().hasAsn()).isFalse();
    }

    @Test
    void aCityDatabaseAloneAddsLocationOnly() throws Exception {
        try (GeoIp geo = GeoIp.open(Optional.of(db.city.toString()), Optional.empty())) {
            JsonNode r = remote("198.51.100.50", geo);
            assertThat(r.at("/country/countryCode").asText()).isEqualTo("FR");
            assertThat(r.has("organization")).isFalse();
            assertThat(geo.asn("198.51.100.50")).isEmpty();
        }
    }

    @Test
    void anUnreadableDatabaseIsRefusedWithItsPath() {
        assertThatThrownBy(() -> GeoIp.open(Optional.of("target/no-such.mmdb"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target/no-such.mmdb");
    }

    private static List<FindingCandidate> kaliCall(Harness h) {
        h.account(Harness.ACCOUNT, "ENABLED");
        h.cloudTrail(Records.call("s3.amazonaws.com", "ListBuckets", "198.51.100.7",
                "Boto3/1.34.0 Python/3.11.8 Linux/6.6.9-amd64 Botocore/1.34.0 kali/2024.1", "{}", null,
                Records.T0));
        return h.candidates();
    }

    @Test
    void findingsLeaveTheTopologyEnrichedOnlyWhenDatabasesAreConfigured() throws Exception {
        try (GeoIp geo = both(); Harness h = new Harness(Map.of(), geo)) {
            List<FindingCandidate> out = kaliCall(h);
            assertThat(out).extracting(c -> c.finding().type()).containsExactly("PenTest:IAMUser/KaliLinux");
            JsonNode r = out.get(0).finding().service().action().at("/awsApiCallAction/remoteIpDetails");
            assertThat(r.at("/country/countryName").asText()).isEqualTo("France");
            assertThat(r.at("/organization/asn").asText()).isEqualTo("64500");
        }
        try (Harness h = new Harness()) {
            List<FindingCandidate> out = kaliCall(h);
            assertThat(out).extracting(c -> c.finding().type()).containsExactly("PenTest:IAMUser/KaliLinux");
            assertThat(out.get(0).finding().service().action().at("/awsApiCallAction/remoteIpDetails").fieldNames())
                    .toIterable().containsExactly("ipAddressV4");
        }
    }
}
