package dev.vigil.detector.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.Category;
import dev.vigil.events.Serdes;
import dev.vigil.events.ThreatFeedState;
import dev.vigil.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The subscriber's handling of the topic's records: copies applied, tombstones, and records that must not apply. */
class ThreatFeedSubscriberTest {

    @Test
    void appliesCopiesAndTombstonesAndCountsWhatItRejects() {
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ThreatFeedSubscriber s = new ThreatFeedSubscriber(intel, ConfigProvider.getConfig(), registry, false);
        Serdes.ThreatFeeds serde = new Serdes.ThreatFeeds();
        ThreatFeedState copy = new ThreatFeedState(1, "urlhaus", "DROPPOINT", "urlhaus-feed", List.of("drop.feed.example"),
                "https://feeds.example/urlhaus", 1L, 1L);

        s.apply("urlhaus", serde.serialize(Topics.THREAT_FEEDS, copy), serde);
        assertThat(intel.domains(Category.DROPPOINT).match("drop.feed.example")).isNotNull();

        s.apply("urlhaus", "{not json".getBytes(StandardCharsets.UTF_8), serde);
        s.apply("another-key", serde.serialize(Topics.THREAT_FEEDS, copy), serde); // key and feed name disagree
        assertThat(registry.get("vigil_threat_feed_records_rejected").counter().count()).isEqualTo(2.0);
        assertThat(intel.domains(Category.DROPPOINT).match("drop.feed.example")).isNotNull();

        s.apply("urlhaus", null, serde);
        assertThat(intel.domains(Category.DROPPOINT).match("drop.feed.example")).isNull();
    }

    @Test
    void connectsWithTheServicesKafkaSettingsAndNoGroup() {
        ThreatFeedSubscriber s = new ThreatFeedSubscriber(BuiltInThreatIntel.load(Optional.empty()), ConfigProvider.getConfig(),
                new SimpleMeterRegistry(), false);
        assertThat(s.properties()).containsKey("bootstrap.servers").doesNotContainKey("group.id");
    }
}
