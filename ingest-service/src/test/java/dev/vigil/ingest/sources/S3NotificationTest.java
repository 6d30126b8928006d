package dev.vigil.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Json;
import dev.vigil.ingest.service.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The notification shapes AWS delivers (examples from the S3 user guide's "Event message structure", the SNS
 * notification format, and EventBridge's "Object Created" detail) and what the reader makes of objects. Plain JUnit.
 */
class S3NotificationTest {

    static final String S3_EVENT = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2",
              "eventTime":"2026-12-05T12:00:00.000Z","eventName":"ObjectCreated:Put",
              "s3":{"s3SchemaVersion":"1.0","configurationId":"flow","bucket":{"name":"amzn-s3-demo-bucket",
                "arn":"arn:aws:s3:::amzn-s3-demo-bucket"},"object":{"key":"AWSLogs/111111111111/vpcflowlogs/us-west-2/2026/12/05/red+flower%3D1.log.gz",
                "size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko",
                "sequencer":"0055AED6DCD90281E5"}}},
              {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectRemoved:Delete",
               "s3":{"bucket":{"name":"amzn-s3-demo-bucket"},"object":{"key":"gone"}}}]}""";

    @Test
    void s3sOwnJsonWithUrlEncodedKeys() {
        S3Notification n = S3Notification.parse(S3_EVENT);
        assertThat(n.problem()).isNull();
        assertThat(n.objects()).hasSize(1); // ObjectRemoved is not read
        S3Notification.ObjectRef o = n.objects().get(0);
        assertThat(o.bucket()).isEqualTo("amzn-s3-demo-bucket");
        assertThat(o.key()).isEqualTo("AWSLogs/111111111111/vpcflowlogs/us-west-2/2026/12/05/red flower=1.log.gz");
        assertThat(o.versionId()).isEqualTo("096fKKXTRTtl3on89fVO.nfljtsv6qko");
        assertThat(o.submissionId()).isEqualTo("s3:amzn-s3-demo-bucket/" + o.key() + "#v=096fKKXTRTtl3on89fVO.nfljtsv6qko");
    }

    @Test
    void snsWrappedIsTheSameAsRaw() {
        String sns = Json.write(Map.of("Type", "Notification", "MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                "TopicArn", "arn:aws:sns:us-west-2:123456789012:s3-events", "Subject", "Amazon S3 Notification",
                "Message", S3_EVENT, "Timestamp", "2026-12-05T12:00:00.100Z"));
        assertThat(S3Notification.parse(sns)).isEqualTo(S3Notification.parse(S3_EVENT));
    }

    @Test
    void eventBridgeObjectCreated() {
        String eb = """
                {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created",
                 "source":"aws.s3","account":"111111111111","time":"2026-12-05T12:00:00Z","region":"us-east-2",
                 "resources":["arn:aws:s3:::amzn-s3-demo-bucket"],
                 "detail":{"version":"0","bucket":{"name":"amzn-s3-demo-bucket"},"object":{"key":"AWSLogs/x y.json.gz",
                  "size":5,"etag":"b1946ac92492d2347c6235b4d2611184","sequencer":"00617F08299329D189"},
                  "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","reason":"PutObject"}}""";
        S3Notification n = S3Notification.parse(eb);
        assertThat(n.objects()).extracting(S3Notification.ObjectRef::key).containsExactly("AWSLogs/x y.json.gz");
        assertThat(n.objects().get(0).submissionId()).endsWith("#etag=b1946ac92492d2347c6235b4d2611184");
        assertThat(S3Notification.parse(eb.replace("Object Created", "Object Deleted")).objects()).isEmpty();
    }

    @Test
    void testEventAndWhatIsNoNotification() {
        assertThat(S3Notification.parse("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-05T12:00:00.000Z",
                 "Bucket":"amzn-s3-demo-bucket","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}""").test())
                .isTrue();
        assertThat(S3Notification.parse("hello").problem()).isEqualTo("the message is not JSON");
        assertThat(S3Notification.parse("{\"foo\":1}").problem()).startsWith("the message is neither");
        assertThat(S3Notification.parse("{\"Type\":\"Notification\",\"Message\":\"[]\"}").problem())
                .startsWith("the SNS notification's Message is not an S3 notification");
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void objectsAreSkippedWithAReasonAndGzipIsCheckedWhole() throws IOException {
        assertThat(LogObjects.skipReason("AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/12/05/"
                + "111111111111_CloudTrail-Digest_us-east-1_trail_us-east-1_20261205T120000Z.json.gz", 10)).contains("digest");
        assertThat(LogObjects.skipReason("AWSLogs/", 0)).contains("folder");
        assertThat(LogObjects.skipReason("AWSLogs/111111111111/vpcflowlogs/a.log.gz", 0)).contains("empty");
        assertThat(LogObjects.skipReason("AWSLogs/111111111111/vpcflowlogs/a.log.gz", 10)).isNull();
        byte[] gz = gzip("version account-id\n");
        assertThat(new String(LogObjects.content(gz, 1 << 20), StandardCharsets.UTF_8)).isEqualTo("version account-id\n");
        assertThatThrownBy(() -> LogObjects.content(Arrays.copyOf(gz, gz.length - 6), 1 << 20)).hasMessageContaining("truncated");
        assertThatThrownBy(() -> LogObjects.content(gz, 5)).hasMessageContaining("larger than 5 bytes");
        assertThat(LogObjects.content("plain".getBytes(StandardCharsets.UTF_8), 100)).asString().isEqualTo("plain");
    }

    @Test
    void autoDetectsTheLogTypeFromKeyThenContent() {
        byte[] none = new byte[0];
        assertThat(LogObjects.type("AUTO", "AWSLogs/1/vpcflowlogs/x.log.gz", none)).isEqualTo(Source.FLOW);
        assertThat(LogObjects.type("AUTO", "AWSLogs/1/CloudTrail/us-east-1/x.json.gz", none)).isEqualTo(Source.CLOUDTRAIL);
        assertThat(LogObjects.type("AUTO", "dns/x", "{\"version\":\"1.100000\",\"query_name\":\"a.\"}".getBytes())).isEqualTo(Source.DNS);
        assertThat(LogObjects.type("AUTO", "ct/x", " {\"Records\":[]}".getBytes())).isEqualTo(Source.CLOUDTRAIL);
        assertThat(LogObjects.type("AUTO", "fl/x", "version account-id".getBytes())).isEqualTo(Source.FLOW);
        assertThat(LogObjects.type("DNS", "AWSLogs/1/vpcflowlogs/x", none)).isEqualTo(Source.DNS);
    }
}
