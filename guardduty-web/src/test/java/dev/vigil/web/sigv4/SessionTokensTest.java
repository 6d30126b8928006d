package dev.vigil.web.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session tokens open only with the key that sealed them, unchanged; their text reveals nothing of the session. */
class SessionTokensTest {

    private static final SessionTokens KEY = new SessionTokens(new byte[32]);
    private static final SessionTokens.Session SESSION = new SessionTokens.Session(SessionTokens.newAccessKeyId(),
            SessionTokens.newSecret(), "admin-111", "sub-1", "111111111111", List.of("admin", "analyst"),
            "arn:aws:iam::111111111111:role/vigil", "admin-111", Instant.parse("2026-12-04T12:00:00Z"));

    @Test
    void aSealedSessionOpensWithItsKey() {
        String token = KEY.seal(SESSION);
        assertThat(KEY.open(token)).isEqualTo(SESSION);
        assertThat(new String(Base64.getDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("admin-111").doesNotContain(SESSION.secretAccessKey());
        assertThat(SESSION.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(SESSION.secretAccessKey()).hasSize(40);
        assertThat(SESSION.toString()).doesNotContain(SESSION.secretAccessKey());
        assertThat(SESSION.withoutSecret().secretAccessKey()).isNull();
    }

    @Test
    void anotherKeyATamperedTokenOrGarbageIsUnrecognized() {
        String token = KEY.seal(SESSION);
        byte[] raw = Base64.getDecoder().decode(token);
        raw[raw.length - 1] ^= 1;
        for (String bad : List.of(new SessionTokens(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).seal(SESSION),
                Base64.getEncoder().encodeToString(raw), "not base64 !", "")) {
            assertThatThrownBy(() -> KEY.open(bad)).isInstanceOfSatisfying(SigV4Exception.class,
                    e -> assertThat(e.code()).isEqualTo("UnrecognizedClientException"));
        }
        assertThatThrownBy(() -> new SessionTokens(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
