package dev.vigil.accounts.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * List locations go through the egress guard (module {@code egress}, whose own tests walk every registry block): at
 * creation an IP literal host is checked, at the connection every host. The test profile allows 127.0.0.1/32 only.
 */
@QuarkusTest
class ListFetcherGuardTest {

    @Inject
    ListFetcher fetcher;

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/", "https://[::1]:8443/",
        "https://198.18.0.1/", "https://240.0.0.1/", "https://255.255.255.255/", "https://192.0.2.1/",
        "https://[::ffff:a00:1]/", "https://[::7f00:1]/"})
    void specialAddressesAreRefusedWhenGiven(String location) {
        assertThat(fetcher.checkLocation(location)).as(location).contains("refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/list.txt", "https://lists.example.com/list.txt"})
    void publicAddressesAndNamesPassWhenGiven(String location) {
        assertThat(fetcher.checkLocation(location)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.2:9/list.txt", "http://[::1]:9/list.txt"})
    void aRefusedHostIsNeverConnectedTo(String location) {
        assertThatThrownBy(() -> fetcher.fetch(location)).isInstanceOf(ListFetcher.ListFetchException.class)
                .hasMessageContaining("refused").hasMessageNotContaining("Exception");
    }
}
