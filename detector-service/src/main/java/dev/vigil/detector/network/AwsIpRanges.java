package dev.vigil.detector.network;

import dev.vigil.detector.threatintel.IpMatcher;
import inet.ipaddr.IPAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * AWS's published IP address ranges (every service; {@code network/aws-ip-ranges.txt.gz}, merged from
 * {@code https://ip-ranges.amazonaws.com/ip-ranges.json}, provenance and refresh in {@code network/PROVENANCE.md}).
 * Every public address of an EC2 instance (auto-assigned or Elastic IP) and of a NAT gateway is in them, except
 * addresses an account brings itself (BYOIP).
 */
public final class AwsIpRanges {

    private static final String RESOURCE = "/network/aws-ip-ranges.txt.gz";
    private static final AwsIpRanges SHIPPED = load();

    private final IpMatcher ranges;
    private final String version;

    private AwsIpRanges(IpMatcher ranges, String version) {
        this.ranges = ranges;
        this.version = version;
    }

    /** The shipped ranges. */
    public static AwsIpRanges shipped() {
        return SHIPPED;
    }

    /** Whether {@code address} is in AWS's published ranges. */
    public boolean contains(IPAddress address) {
        return address != null && ranges.contains(address);
    }

    /** Number of (merged) prefixes. */
    public int size() {
        return ranges.size();
    }

    /** The {@code syncToken} and {@code createDate} of the snapshot, as its header states them. */
    public String version() {
        return version;
    }

    private static AwsIpRanges load() {
        try (InputStream raw = AwsIpRanges.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the detector");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                    StandardCharsets.US_ASCII));
            IpMatcher m = new IpMatcher(false);
            String version = "unknown";
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("# syncToken")) {
                    version = line.substring(2);
                } else if (!line.isBlank() && !line.startsWith("#") && !m.add(line.strip(), "aws-ip-ranges")) {
                    throw new IllegalStateException(RESOURCE + ": not a prefix: " + line);
                }
            }
            return new AwsIpRanges(m, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
