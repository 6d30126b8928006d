package dev.vigil.detector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.AccountState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CachingAccountSerde}: equal bytes answer the state parsed before, different bytes their own state. */
class CachingAccountSerdeTest {

    private final CachingAccountSerde serde = new CachingAccountSerde();

    @Test
    void equalBytesInANewArrayAnswerTheParsedStateAndChangedBytesTheirOwn() {
        AccountState first = serde.deserialize("t", state("444444444444", 7));
        AccountState again = serde.deserialize("t", state("444444444444", 7));
        AccountState newer = serde.deserialize("t", state("444444444444", 8));

        assertThat(first.accountId()).isEqualTo("444444444444");
        assertThat(again).isSameAs(first);
        assertThat(newer).isNotSameAs(first);
        assertThat(newer.version()).isEqualTo(8);
        assertThat(serde.deserialize("t", state("555555555555", 7)).accountId()).isEqualTo("555555555555");
        assertThat(serde.deserialize("t", null)).isNull();
    }

    private byte[] state(String accountId, long version) {
        return serde.serialize("t", new AccountState(AccountState.SCHEMA_VERSION, accountId, version, List.of(), null,
                List.of(), 1_700_000_000_000L)).clone();
    }
}
