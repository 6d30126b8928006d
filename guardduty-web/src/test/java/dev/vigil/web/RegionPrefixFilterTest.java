package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.web.RegionPrefixFilter.Prefixed;
import org.junit.jupiter.api.Test;

/** Which paths carry a region prefix ({@link RegionPrefixFilter}); plain JUnit. */
class RegionPrefixFilterTest {

    @Test
    void aRegionBeforeAGuardDutyPathIsSplitOff() {
        assertThat(Prefixed.of("/eu-west-1/detector")).isEqualTo(new Prefixed("eu-west-1", "/detector"));
        assertThat(Prefixed.of("/us-gov-west-1/detector/abc/findings"))
                .isEqualTo(new Prefixed("us-gov-west-1", "/detector/abc/findings"));
        assertThat(Prefixed.of("/ap-southeast-2/invitation/count"))
                .isEqualTo(new Prefixed("ap-southeast-2", "/invitation/count"));
        assertThat(Prefixed.of("/eu-west-1/tags/arn%3Aaws%3Aguardduty%3Aeu-west-1%3A111111111111%3Adetector%2Fabc"))
                .isEqualTo(new Prefixed("eu-west-1", "/tags/arn%3Aaws%3Aguardduty%3Aeu-west-1%3A111111111111%3Adetector%2Fabc"));
    }

    @Test
    void otherPathsAreLeftAlone() {
        assertThat(Prefixed.of("/detector/abc")).isNull();
        assertThat(Prefixed.of("/ingest/v1/flow-logs")).isNull();
        assertThat(Prefixed.of("/eu-west-1/ingest/v1/flow-logs")).isNull();
        assertThat(Prefixed.of("/q/health/live")).isNull();
        assertThat(Prefixed.of("/EU-WEST-1/detector")).isNull();
        assertThat(Prefixed.of("/eu-west-123/detector")).isNull();
        assertThat(Prefixed.of("/eu-west-1/detectors")).isNull();
    }
}
