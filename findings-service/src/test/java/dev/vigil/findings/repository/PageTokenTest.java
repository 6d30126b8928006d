package dev.vigil.findings.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.web.GuardDutyException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** ListFindings' {@code nextToken} ({@link PageToken}); plain JUnit. */
class PageTokenTest {

    @Test
    void aTokenReadsBackForTheRequestThatMadeIt() {
        String hash = PageToken.hash("{\"criterion\":{}}|seq:asc");
        assertThat(hash).hasSize(12).matches("[0-9a-f]{12}");
        PageToken t = new PageToken(hash, 1234, "2026-11-30T01:02:03Z", "f".repeat(32));
        String text = t.encode();
        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(PageToken.decode(text, hash)).isEqualTo(t);
    }

    @Test
    void theHashDependsOnCriteriaAndSort() {
        assertThat(PageToken.hash("{}|seq:asc")).isNotEqualTo(PageToken.hash("{}|seq:desc"))
                .isEqualTo(PageToken.hash("{}|seq:asc"));
    }

    @Test
    void aTokenOfOtherCriteriaIsRefused() {
        String text = new PageToken(PageToken.hash("a"), 1, "1", "x").encode();
        assertThatThrownBy(() -> PageToken.decode(text, PageToken.hash("b")))
                .isInstanceOfSatisfying(GuardDutyException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("does not belong to these findingCriteria and sortCriteria");
    }

    @Test
    void garbageIsAnInvalidToken() {
        String notJson = Base64.getUrlEncoder().encodeToString("nope".getBytes(StandardCharsets.UTF_8));
        String missingMembers = Base64.getUrlEncoder().encodeToString("{\"h\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        for (String bad : new String[] {"garbage!", notJson, missingMembers, ""}) {
            assertThatThrownBy(() -> PageToken.decode(bad, "x")).as(bad)
                    .isInstanceOfSatisfying(GuardDutyException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("nextToken is invalid");
        }
    }
}
