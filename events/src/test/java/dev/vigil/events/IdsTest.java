package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The strict ID formats of the APIs. */
class IdsTest {

    @Test
    void hexIdsAndAccountIdsAreStrict() {
        assertThat(Ids.problem("detectorId", "0123456789abcdef0123456789abcdef")).isNull();
        assertThat(Ids.problem("detectorId", "0123456789ABCDEF0123456789ABCDEF")).contains("32 lowercase hexadecimal");
        assertThat(Ids.problem("findingId", "0123456789abcdef")).isNotNull();
        assertThat(Ids.problem("ipSetId", "../../etc/passwd")).isNotNull();
        assertThat(Ids.problem("accountId", "111111111111")).isNull();
        assertThat(Ids.problem("accountId", "11111111111")).contains("12-digit");
        assertThat(Ids.problem("administratorId", "11111111111a")).isNotNull();
        assertThat(Ids.problem("filterName", "anything")).isNull();
        assertThat(Ids.firstProblem(java.util.Map.of("detectorId", java.util.List.of("0".repeat(32)),
                "accountId", java.util.List.of("1")))).contains("accountId");
        assertThat(Ids.firstProblem(java.util.Map.of("filterName", java.util.List.of("x")))).isNull();
    }
}
