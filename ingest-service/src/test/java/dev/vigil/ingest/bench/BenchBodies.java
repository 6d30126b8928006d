package dev.vigil.ingest.bench;

/**
 * Synthetic, valid bodies for the parser benchmark and the HTTP load harness: varied addresses, ports, names and
 * times, so no two records are equal (and event IDs differ).
 */
public final class BenchBodies {

    private BenchBodies() {
    }

    private static String src(int i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    /** {@code n} default-format (version 2) flow log lines of {@code account}, ~110 bytes each. */
    public static String flowV2(String account, int n) {
        return flowV2(account, n, 1_700_000_000L);
    }

    /** As {@link #flowV2(String, int)} with times starting at {@code t0} (UTC epoch seconds). */
    public static String flowV2(String account, int n, long t0) {
        StringBuilder v2 = new StringBuilder(n * 112);
        for (int i = 0; i < n; i++) {
            long t = t0 + i % 3000;
            v2.append("2 ").append(account).append(" eni-0a1b2c3d4e5f").append(i % 97).append(' ').append(src(i))
                    .append(" 172.31.16.21 ").append(1024 + i % 60000).append(" 443 6 20 4249 ").append(t).append(' ')
                    .append(t + 60).append(i % 7 == 0 ? " REJECT OK\n" : " ACCEPT OK\n");
        }
        return v2.toString();
    }

    /** A version-5 header and {@code n} 29-field lines. */
    public static String flowV5(String account, int n) {
        StringBuilder v5 = new StringBuilder("version srcaddr dstaddr srcport dstport protocol start end type packets"
                + " bytes account-id vpc-id subnet-id instance-id interface-id region az-id sublocation-type"
                + " sublocation-id action tcp-flags pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service"
                + " traffic-path flow-direction log-status\n");
        for (int i = 0; i < n; i++) {
            long t = 1_700_000_000L + i;
            v5.append("5 ").append(src(i)).append(" 52.95.128.179 ").append(1024 + i % 60000).append(" 80 6 ")
                    .append(t).append(' ').append(t + 57).append(" IPv4 14 15044 ").append(account)
                    .append(" vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b")
                    .append(" eni-1235b8ca123456789 us-east-1 use1-az3 - - ACCEPT 19 ").append(src(i))
                    .append(" 52.95.128.179 - S3 8 egress OK\n");
        }
        return v5.toString();
    }

    /** {@code n} Resolver query log JSON lines. */
    public static String dns(String account, int n) {
        StringBuilder d = new StringBuilder(n * 420);
        for (int i = 0; i < n; i++) {
            d.append("{\"version\":\"1.100000\",\"account_id\":\"").append(account).append("\",\"region\":\"us-east-1\",")
                    .append("\"vpc_id\":\"vpc-01e31a7c\",\"query_timestamp\":\"2023-11-14T22:13:").append(10 + i % 50)
                    .append("Z\",\"query_name\":\"host").append(i).append(".example.com.\",\"query_type\":\"A\",")
                    .append("\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[{\"Rdata\":\"203.0.113.9\",")
                    .append("\"Type\":\"A\",\"Class\":\"IN\"}],\"srcaddr\":\"").append(src(i))
                    .append("\",\"srcport\":\"48701\",\"transport\":\"UDP\",\"srcids\":{\"instance\":\"i-0")
                    .append(i % 50).append("\"}}\n");
        }
        return d.toString();
    }

    /** A CloudTrail log file with {@code n} DescribeInstances events. */
    public static String cloudTrail(String account, int n) {
        StringBuilder ct = new StringBuilder(n * 760).append("{\"Records\":[");
        for (int i = 0; i < n; i++) {
            ct.append(i == 0 ? "" : ",").append("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",")
                    .append("\"principalId\":\"AIDAJ45Q7YFFAREXAMPLE").append(i % 20).append("\",")
                    .append("\"arn\":\"arn:aws:iam::").append(account).append(":user/Alice\",\"accountId\":\"")
                    .append(account).append("\",\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"userName\":\"Alice\"},")
                    .append("\"eventTime\":\"2023-11-14T22:13:").append(10 + i % 50).append("Z\",")
                    .append("\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\",")
                    .append("\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"").append(src(i)).append("\",")
                    .append("\"userAgent\":\"aws-cli/2.13.0\",\"requestParameters\":{\"instancesSet\":{},")
                    .append("\"filterSet\":{}},\"responseElements\":null,\"requestID\":\"5d40662a-49f7-11e6-97e4-")
                    .append(String.format("%012d", i)).append("\",\"eventID\":\"b7d4398e-b2f0-4faa-9c76-")
                    .append(String.format("%012d", i)).append("\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",")
                    .append("\"managementEvent\":true,\"recipientAccountId\":\"").append(account).append("\",")
                    .append("\"eventCategory\":\"Management\"}");
        }
        return ct.append("]}").toString();
    }
}
