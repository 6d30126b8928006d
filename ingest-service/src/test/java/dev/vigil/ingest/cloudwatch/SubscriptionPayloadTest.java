package dev.vigil.ingest.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.web.GuardDutyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SubscriptionPayloadTest {

    /** The shape AWS documents for a subscription filter's data message (SubscriptionFilters.html). */
    static final String DATA = """
            {"messageType":"DATA_MESSAGE","owner":"111111111111","logGroup":"vpc-flow-logs","logStream":"eni-1235b8ca",
             "subscriptionFilters":["to-vigil"],"logEvents":[
              {"id":"31953106606966983378809025079804211143289615424298221568","timestamp":1432826855000,
               "message":"2 111111111111 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK"},
              {"id":"31953106606966983378809025079804211143289615424298221569","timestamp":1432826855000,
               "message":"2 111111111111 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK"}]}
            """;
    static final String CONTROL = """
            {"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"",
             "subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1432826855000,
             "message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}
            """;

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static byte[] base64Gzip(String s) throws IOException {
        return Base64.getEncoder().encode(gzip(s));
    }

    @Test
    void aDataMessageBecomesOneLinePerLogEventInOrder() {
        SubscriptionPayload.Unpacked u = SubscriptionPayload.unpack(DATA.getBytes(StandardCharsets.UTF_8), 1 << 20);

        assertThat(u.control()).isFalse();
        assertThat(u.events()).isEqualTo(2);
        assertThat(new String(u.lines(), StandardCharsets.UTF_8).split("\n"))
                .containsExactly("2 111111111111 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249"
                        + " 1418530010 1418530070 ACCEPT OK", "2 111111111111 eni-1235b8ca123456789 172.31.9.69"
                        + " 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK");
    }

    @Test
    void base64GzipAsFirehoseAndLambdaCarryItIsUnpacked() throws IOException {
        SubscriptionPayload.Unpacked u = SubscriptionPayload.unpack(base64Gzip(DATA), 1 << 20);

        assertThat(u.events()).isEqualTo(2);
        assertThat(SubscriptionPayload.unpack(base64Gzip(CONTROL), 1 << 20).control()).isTrue();
    }

    @Test
    void aControlMessageIsRecognisedAndCarriesNoLines() {
        SubscriptionPayload.Unpacked u = SubscriptionPayload.unpack(CONTROL.getBytes(StandardCharsets.UTF_8), 1 << 20);

        assertThat(u.control()).isTrue();
        assertThat(u.lines()).isEmpty();
    }

    @Test
    void logBodiesThatAreNotPayloadsAreLeftAlone() {
        for (String body : new String[] {
                "version account-id interface-id\n2 111111111111 eni-1",
                "{\"Records\":[{\"eventName\":\"ListBuckets\"}]}",
                "{\"version\":\"1.100000\",\"account_id\":\"111111111111\",\"query_name\":\"messageType.example.com.\"}",
                "{\"eventName\":\"PutLogEvents\",\"requestParameters\":{\"messageType\":1}}",
                "", "   \n"}) {
            assertThat(SubscriptionPayload.unpack(body.getBytes(StandardCharsets.UTF_8), 1 << 20)).as(body).isNull();
        }
    }

    @Test
    void aBrokenPayloadIsA400NamingTheField() throws IOException {
        assertThatThrownBy(() -> unpack(DATA.replace("\"message\":\"2 111111111111 eni-1235b8ca123456789 172.31.9.69",
                "\"msg\":\"2 111111111111 eni-1235b8ca123456789 172.31.9.69")))
                .isInstanceOf(GuardDutyException.class).hasMessageContaining("logEvents[1].message");
        assertThatThrownBy(() -> unpack(DATA.replace("DATA_MESSAGE", "OTHER_MESSAGE")))
                .hasMessageContaining("messageType: 'OTHER_MESSAGE'");
        assertThatThrownBy(() -> unpack(DATA.replace("\"logEvents\":[", "\"logEvents\":{\"a\":[").replace("]}\n", "]}}\n")))
                .hasMessageContaining("logEvents: a DATA_MESSAGE must carry an array");
        assertThatThrownBy(() -> SubscriptionPayload.unpack("H4sI%%%%".getBytes(StandardCharsets.US_ASCII), 1 << 20))
                .hasMessageContaining("not base64");
        byte[] truncated = base64Gzip(DATA);
        assertThatThrownBy(() -> SubscriptionPayload.unpack(java.util.Arrays.copyOf(truncated, 40), 1 << 20))
                .isInstanceOf(GuardDutyException.class);
        assertThatThrownBy(() -> SubscriptionPayload.unpack(base64Gzip("{\"a\":1}"), 1 << 20))
                .hasMessageContaining("no messageType");
    }

    @Test
    void aDecompressionBombStopsAtTheLimit() throws IOException {
        String big = DATA.replace("ACCEPT OK", "ACCEPT OK" + " ".repeat(200_000));
        assertThatThrownBy(() -> SubscriptionPayload.unpack(base64Gzip(big), 100_000))
                .isInstanceOf(GuardDutyException.class).hasMessageContaining("larger than 100000 bytes");
    }

    private static SubscriptionPayload.Unpacked unpack(String s) {
        return SubscriptionPayload.unpack(s.getBytes(StandardCharsets.UTF_8), 1 << 20);
    }
}
