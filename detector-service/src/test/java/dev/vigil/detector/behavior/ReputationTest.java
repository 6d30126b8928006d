package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Records;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FindingCandidate;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reputation findings from the shipped intelligence (issue 16): MaliciousDomainRequest.Reputation and
 * BitcoinDomainRequest.Reputation for names on no list, and DGA bursts of NXDOMAIN answers; each with its benign
 * look-alike. Real behavioural topology ({@link BehaviorHarness}), shipped lists, nothing mocked.
 */
class ReputationTest extends BehaviorTestBase {

    private static final String MALICIOUS = "Impact:EC2/MaliciousDomainRequest.Reputation";
    private static final String BITCOIN = "Impact:EC2/BitcoinDomainRequest.Reputation";

    @Test
    void aNameResolvingToAMalwareHostHasAMaliciousReputation() {
        h.dns(Records.dns("files.kx-storage.net", T0, "1.1.104.12")); // URLhaus address
        List<FindingCandidate> c = ofType(h.candidates(), MALICIOUS);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).finding().severity()).isEqualTo(8.0);
        assertThat(c.get(0).finding().description()).contains("1.1.104.12");
        // look-alikes: a popular site on the same address (shared hosting), the neighbouring address
        h.dns(Records.dns("www.wikipedia.org", T0 + 1, "1.1.104.12"));
        h.dns(Records.dns("files.other-storage.net", T0 + 2, "1.1.104.13"));
        assertThat(h.candidates()).isEmpty();
    }

    @Test
    void anotherNameOfADomainWithListedHostsHasAMaliciousReputation() {
        h.dns(Records.dns("wallet-claim.aqq.ru", T0, "192.0.2.1")); // aqq.ru holds 13 listed phishing hosts
        assertThat(ofType(h.candidates(), MALICIOUS)).singleElement()
                .satisfies(x -> assertThat(x.finding().description()).contains("aqq.ru"));
        // look-alike: a subdomain of a popular site that phishers also use (typeform.com)
        h.dns(Records.dns("mycompany.typeform.com", T0 + 1, "192.0.2.1"));
        assertThat(h.candidates()).isEmpty();
    }

    @Test
    void poolNamesAndCoinNodesHaveACryptocurrencyReputation() {
        h.dns(Records.dns("xmr.pool.hash-farm.net", T0, "192.0.2.1"));
        h.dns(Records.dns("node.unknown-ledger.net", T0 + 1, "176.9.0.187")); // a Monero seed node
        assertThat(ofType(h.candidates(), BITCOIN)).hasSize(2);
        // look-alikes: a pool that is not a coin pool, a coin word that is not a pool
        h.dns(Records.dns("pool.liverpool-swim.net", T0 + 2, "192.0.2.1"));
        h.dns(Records.dns("eth.physics-department.net", T0 + 3, "192.0.2.1"));
        assertThat(h.candidates()).isEmpty();
    }

    @Test
    void aBurstOfNxdomainAnswersForGeneratedNamesIsDgaButTheSameNamesAnsweredAreNot() {
        DgaModel model = DgaModel.get();
        List<String> names = DgaGenerators.confickerStyle(LocalDate.of(2026, 1, 1), 30, 5).stream()
                .filter(n -> model.isBurstCandidate(n, 7) && !model.isDga(n, 7)).limit(3).toList();
        assertThat(names).hasSize(3);
        for (int i = 0; i < names.size(); i++) {
            h.dns(answered(names.get(i), T0 + i, "NOERROR", "i-benign"));
        }
        assertThat(h.candidates()).as("answered: registered names, not a DGA search").isEmpty();
        for (int i = 0; i < names.size(); i++) {
            h.dns(answered(names.get(i), T0 + 10 + i, "NXDOMAIN", "i-infected"));
        }
        List<FindingCandidate> c = ofType(h.candidates(), DnsBehavior.DGA);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).finding().description()).contains("NXDOMAIN");
        assertThat(c.get(0).finding().resource().path("instanceDetails").path("instanceId").asText())
                .isEqualTo("i-infected");
    }

    static DnsLogRecord answered(String name, long t, String rcode, String instance) {
        DnsLogRecord d = Records.dns(name, t);
        return new DnsLogRecord(d.schemaVersion(), d.eventId(), d.accountId(), d.version(), d.awsAccountId(),
                d.region(), d.vpcId(), d.queryTimestamp(), d.queryName(), d.queryType(), d.queryClass(), rcode,
                List.of(), d.srcaddr(), d.srcport(), d.transport(), new DnsLogRecord.SrcIds(instance, null, null),
                null, null, null);
    }
}
