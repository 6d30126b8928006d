package dev.vigil.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The Usage page's rows: binary sizes at the unit boundaries, and results with or without Vigil's vigilAnalyzed. */
class UsageRowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sizesInBinaryUnits() {
        assertThat(UsageRow.size(0)).isEqualTo("0 B");
        assertThat(UsageRow.size(1023)).isEqualTo("1023 B");
        assertThat(UsageRow.size(1024)).isEqualTo("1.0 KiB");
        assertThat(UsageRow.size(1536)).isEqualTo("1.5 KiB");
        assertThat(UsageRow.size(1024L * 1024 * 1024 - 1)).isEqualTo("1024.0 MiB");
        assertThat(UsageRow.size(600L * 1024 * 1024 * 1024)).isEqualTo("600.0 GiB");
        assertThat(UsageRow.size(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void aResultWithVigilAnalyzedHasRecordsAndBytes() throws Exception {
        UsageRow r = UsageRow.of(JSON.readTree("{\"accountId\":\"111111111111\",\"total\":{\"amount\":\"558.0000\","
                + "\"unit\":\"USD\"},\"vigilAnalyzed\":{\"records\":2002000,\"bytes\":644245094400}}"), "accountId");
        assertThat(r).isEqualTo(new UsageRow("111111111111", "558.0000", "USD", true, "2,002,000", 644245094400L, "600.0 GiB"));
    }

    @Test
    void aResultWithoutItOrWithNonNumbersIsNotAnalyzed() throws Exception {
        UsageRow aws = UsageRow.of(JSON.readTree("{\"resource\":\"eni-1\",\"total\":{\"amount\":\"0.5\",\"unit\":\"USD\"}}"), "resource");
        assertThat(aws.analyzed()).isFalse();
        assertThat(aws.records()).isEmpty();
        assertThat(aws.size()).isEmpty();
        UsageRow odd = UsageRow.of(JSON.readTree("{\"resource\":\"eni-1\",\"vigilAnalyzed\":{\"records\":\"many\",\"bytes\":1}}"), "resource");
        assertThat(odd.analyzed()).isFalse();
        assertThat(odd.amount()).isEqualTo("0");
    }
}
