package dev.vigil.e2e.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Replaying public samples into one's own account: only whole 12-digit tokens are account IDs. */
class AccountReplayTest {

    @Test
    void replacesWholeTwelveDigitTokensOnly() {
        String flow = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";
        assertThat(Ingester.replaceAccounts(flow, "111111111111"))
                .startsWith("2 111111111111 eni-1235b8ca123456789").endsWith("1418530010 1418530070 ACCEPT OK");
        String trail = "{\"recipientAccountId\":\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:root\",\"n\":1234567890123}";
        assertThat(Ingester.replaceAccounts(trail, "111111111111"))
                .isEqualTo("{\"recipientAccountId\":\"111111111111\",\"arn\":\"arn:aws:iam::111111111111:root\",\"n\":1234567890123}");
    }
}
