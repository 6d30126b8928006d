package dev.vigil.e2e.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-type sniffing on literal snippets, temp files (plain and gzip) and, when present, the real samples. */
class LogTypeTest {
    @TempDir
    Path tmp;

    @Test
    void sniffsContent() {
        assertThat(LogType.sniff("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n2 1"))
            .isEqualTo(LogType.FLOW);
        assertThat(LogType.sniff("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK"))
            .isEqualTo(LogType.FLOW);
        assertThat(LogType.sniff("account-id action az-id bytes dstaddr\n")).isEqualTo(LogType.FLOW);
        assertThat(LogType.sniff("  {\n  \"Records\" : [ {\"eventVersion\":\"1.08\"} ] }")).isEqualTo(LogType.CLOUDTRAIL);
        assertThat(LogType.sniff("{\"eventVersion\":\"1.08\",\"eventSource\":\"ec2.amazonaws.com\"}")).isEqualTo(LogType.CLOUDTRAIL);
        assertThat(LogType.sniff("{\"version\":\"1.100000\",\"query_name\":\"example.com.\"}\n{\"query_name\":\"b.\"}"))
            .isEqualTo(LogType.DNS);
        assertThat(LogType.sniff("")).isEqualTo(LogType.UNKNOWN);
        assertThat(LogType.sniff("# Crypto-mining pool domain names\n1gh.com")).isEqualTo(LogType.UNKNOWN);
        assertThat(LogType.sniff("[{\"name\":\"test\"}]")).isEqualTo(LogType.UNKNOWN);
        assertThat(LogType.sniff("{\"message\":\"2 123 eni NODATA\"}")).isEqualTo(LogType.UNKNOWN);
    }

    @Test
    void fallsBackToTheS3KeyOrFolder() {
        assertThat(LogType.byName("AWSLogs/1/vpcflowlogs/us-east-1/2026/x.log.gz")).isEqualTo(LogType.FLOW);
        assertThat(LogType.byName("AWSLogs/1/CloudTrail/us-east-1/2026/x.json.gz")).isEqualTo(LogType.CLOUDTRAIL);
        assertThat(LogType.byName("AWSLogs/1/vpcdnsquerylogs/vpc-1/x.log")).isEqualTo(LogType.DNS);
        assertThat(LogType.byName("samples/dns/elastic/test-route53.log")).isEqualTo(LogType.DNS);
        assertThat(LogType.byName("samples/cloudtrail/panther/a.tests.json")).isEqualTo(LogType.CLOUDTRAIL);
        assertThat(LogType.byName("notes/readme.txt")).isEqualTo(LogType.UNKNOWN);
    }

    @Test
    void detectsGzipByMagicNumberAndSniffsInside() throws IOException {
        Path gz = tmp.resolve("no-hint.bin");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(gz))) {
            z.write("{\"Records\":[]}".getBytes());
        }
        assertThat(LogType.detect(gz)).isEqualTo(LogType.CLOUDTRAIL);
        assertThat(new String(LogType.readDecompressed(gz))).isEqualTo("{\"Records\":[]}");
        Path plain = tmp.resolve("cloudtrail-named.txt");
        Files.writeString(plain, "version account-id interface-id srcaddr\n");
        assertThat(LogType.detect(plain)).as("content wins over the name").isEqualTo(LogType.FLOW);
    }

    @Test
    void classifiesTheRealSamples() throws IOException {
        Path samples = Path.of(System.getProperty("vigil.samples.dir", "../../shared/samples"));
        assumeTrue(Files.isDirectory(samples), "samples folder absent: " + samples);
        assertThat(LogType.detect(samples.resolve("vpcflow/awsdocs/default-v2-examples-with-header.log"))).isEqualTo(LogType.FLOW);
        assertThat(LogType.detect(samples.resolve("vpcflow/awsdocs/default-v2-examples.log"))).isEqualTo(LogType.FLOW);
        assertThat(LogType.detect(samples.resolve("vpcflow/awsdocs/custom-v5-traffic-path.log.gz"))).isEqualTo(LogType.FLOW);
        assertThat(LogType.detect(samples.resolve("dns/awsdocs/resolver-query-log-firewall-block.jsonl"))).isEqualTo(LogType.DNS);
        assertThat(LogType.detect(samples.resolve("cloudtrail/awsdocs/records-ec2-startinstances.json"))).isEqualTo(LogType.CLOUDTRAIL);
        assertThat(LogType.detect(samples.resolve(
            "cloudtrail/awsdocs/123456789012_CloudTrail_us-east-2_20160714T1920Z_EXAMPLEexample01.json.gz"))).isEqualTo(LogType.CLOUDTRAIL);
        assertThat(Ingester.expand(java.util.List.of(samples.resolve("cloudtrail"))))
            .as("reference lists are not logs").noneMatch(p -> p.toString().contains("/lists/"));
    }
}
