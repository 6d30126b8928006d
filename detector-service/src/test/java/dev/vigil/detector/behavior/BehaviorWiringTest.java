package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import org.junit.jupiter.api.Test;

/** The behavioural rules run inside the full detector topology: only for accounts with an enabled detector. */
class BehaviorWiringTest {

    @Test
    void dgaQueryFiresThroughTheDetectorTopologyOnlyWhenTheDetectorIsEnabled() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "DISABLED");
            h.dns(Records.dns("xjwqpzkvbtyrhq.com", Records.T0));
            assertThat(h.candidates()).isEmpty();
            h.account(Harness.ACCOUNT, "ENABLED");
            h.dns(Records.dns("xjwqpzkvbtyrhq.com", Records.T0 + 1));
            var c = h.records();
            assertThat(c).extracting(r -> r.value().finding().type()).contains("Trojan:EC2/DGADomainRequest.B");
            var dga = c.stream().filter(r -> r.value().finding().type().startsWith("Trojan:EC2/DGA")).findFirst()
                    .orElseThrow();
            assertThat(dga.key()).isEqualTo(dga.value().finding().id());
            assertThat(dga.value().finding().service().detectorId()).isEqualTo(Harness.DETECTOR);
            assertThat(dga.value().finding().service().detection().has("anomaly")).isTrue();
        }
    }
}
