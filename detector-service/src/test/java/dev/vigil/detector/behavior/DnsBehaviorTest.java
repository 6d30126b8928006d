package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Records;
import dev.vigil.events.FindingCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNS: DGA model, abused-domain providers, tenant-wide never-seen domains. */
class DnsBehaviorTest extends BehaviorTestBase {


    private void learnNormal() {
        String[] normal = {"www.google.com", "github.com", "api.github.com", "s3.amazonaws.com", "www.wikipedia.org",
            "ubuntu.com", "security.ubuntu.com", "pypi.org"};
        for (int i = 0; i < 40; i++) {
            h.dns(Records.dns(normal[i % normal.length], T0 + i * 90L, "192.0.2.1"));
        }
    }

    @Test
    void dgaNameFiresAndPopularNamesDoNot() {
        h.dns(Records.dns("www.google.com", T0, "192.0.2.1"));
        h.dns(Records.dns("login.microsoftonline.com", T0 + 1, "192.0.2.1"));
        h.dns(Records.dns("mirrors.kernel.org", T0 + 2, "192.0.2.1"));
        assertThat(ofType(h.candidates(), "Trojan:EC2/DGADomainRequest.B")).isEmpty();

        h.dns(Records.dns("xjwqpzkvbtyrhq.com", T0 + 3));
        List<FindingCandidate> c = ofType(h.candidates(), "Trojan:EC2/DGADomainRequest.B");
        assertThat(c).hasSize(1);
        assertThat(c.get(0).finding().severity()).isEqualTo(8.0);
        assertThat(c.get(0).finding().service().action().at("/dnsRequestAction/domain").asText())
                .isEqualTo("xjwqpzkvbtyrhq.com");
        double score = c.get(0).finding().service().detection()
                .at("/anomaly/unusual/behavior/dgaModel/logLikelihoodRatio/observations/number/0").asDouble();
        double threshold = c.get(0).finding().service().detection()
                .at("/anomaly/profiles/dgaModel/logLikelihoodRatioThreshold/0/observations/number/0").asDouble();
        assertThat(score).isLessThan(threshold);
    }

    @Test
    void abusedProviderSubdomainFiresButTheProviderItselfDoesNot() {
        h.dns(Records.dns("duckdns.org", T0, "192.0.2.1"));
        h.dns(Records.dns("www.no-ip.com", T0 + 1, "192.0.2.1")); // the provider's own site is under it too
        assertThat(ofType(h.candidates(), "Impact:EC2/AbusedDomainRequest.Reputation")).hasSize(1);
        h.dns(Records.dns("c2-panel.duckdns.org", T0 + 2, "192.0.2.1"));
        List<FindingCandidate> c = ofType(h.candidates(), "Impact:EC2/AbusedDomainRequest.Reputation");
        assertThat(c).hasSize(1);
        assertThat(c.get(0).finding().description()).contains("duckdns.org");
        assertThat(c.get(0).finding().severity()).isEqualTo(5.0);
    }

    @Test
    void neverSeenLowReputationDomainInTenantAfterLearningFires() {
        learnNormal();
        assertThat(h.candidates()).isEmpty();
        h.dns(Records.dns("cdn.github.com", AFTER, "192.0.2.1")); // known registrable domain
        h.dns(Records.dns("updates.fresh-new-site.net", AFTER + 1, "192.0.2.9")); // new, but nothing suspicious
        assertThat(h.candidates()).as("never seen is not low reputation").isEmpty();
        h.dns(Records.dns("secure.login-verify-account.online", AFTER + 2, "192.0.2.9"));
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type())
                .containsExactly("Impact:EC2/SuspiciousDomainRequest.Reputation");
        var anomaly = c.get(0).finding().service().detection().get("anomaly");
        assertThat(anomaly.at("/unusual/behavior/111111111111/registrableDomain/observations/text/0").asText())
                .isEqualTo("login-verify-account.online");
        assertThat(anomaly.at("/profiles/111111111111/registrableDomain/0/observations/text").toString())
                .contains("github.com", "google.com");
        assertThat(c.get(0).finding().severity()).isEqualTo(2.0);
        assertThat(c.get(0).finding().description()).contains(".online", "hyphenated");
        h.dns(Records.dns("www.login-verify-account.online", AFTER + 3, "192.0.2.9"));
        assertThat(h.candidates()).as("seen once, now known").isEmpty();
    }

    @Test
    void silentDuringLearningAndForInternalNames() {
        h.dns(Records.dns("github.com", T0, "192.0.2.1"));
        h.dns(Records.dns("updates.fresh-new-site.net", T0 + 60, "192.0.2.9"));
        h.dns(Records.dns("ip-10-0-0-5.ec2.internal", AFTER));
        h.dns(Records.dns("5.0.0.10.in-addr.arpa", AFTER + 1));
        assertThat(h.candidates()).isEmpty();
    }
}
