package dev.vigil.accounts.lists;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard of list locations ({@link ListFetcher#requirePublic(String)}): internal addresses are refused. */
class ListFetcherGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "[::1]", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::"})
    void internalAddressesAreRefused(String host) {
        assertThatThrownBy(() -> ListFetcher.requirePublic(host)).isInstanceOf(ListFetcher.ListFetchException.class)
                .hasMessageContaining("non-public address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "198.51.100.7", "2001:4860:4860::8888", "[2606:4700:4700::1111]"})
    void publicAddressesPass(String host) {
        assertThatCode(() -> ListFetcher.requirePublic(host)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-host.invalid"})
    void anUnresolvableHostIsRefused(String host) {
        assertThatThrownBy(() -> ListFetcher.requirePublic(host)).isInstanceOf(ListFetcher.ListFetchException.class)
                .hasMessageContaining("does not resolve");
    }
}
