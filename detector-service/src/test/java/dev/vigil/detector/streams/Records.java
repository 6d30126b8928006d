package dev.vigil.detector.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import java.time.Instant;
import java.util.List;

/** Builders of contract records for tests, with explicit event times. */
public final class Records {

    /** 2026-11-29T10:00:00Z, a round ten-minute boundary. */
    public static final long T0 = Instant.parse("2026-11-29T10:00:00Z").getEpochSecond();
    private static int seq;

    private Records() {
    }

    /** A flow record of {@code eni-1}/{@code i-1} in {@link Harness#ACCOUNT}, ending at {@code endSec}. */
    public static FlowLogRecord flow(String src, String dst, int srcPort, int dstPort, int protocol, long packets,
            String action, long endSec) {
        return flow("eni-1", "i-1", src, dst, srcPort, dstPort, protocol, packets, action, endSec);
    }

    /** A flow record of the given interface and instance. */
    public static FlowLogRecord flow(String eni, String instance, String src, String dst, int srcPort, int dstPort,
            int protocol, long packets, String action, long endSec) {
        return flow(Harness.ACCOUNT, eni, instance, src, dst, srcPort, dstPort, protocol, packets, action, endSec);
    }

    /** A flow record of the given account, interface and instance. */
    public static FlowLogRecord flow(String account, String eni, String instance, String src, String dst, int srcPort,
            int dstPort, int protocol, long packets, String action, long endSec) {
        String id = "flow-" + eni + "-" + src + "-" + dst + "-" + srcPort + "-" + dstPort + "-" + endSec + "-" + packets;
        return new FlowLogRecord(1, id, account, Harness.REGION, 2, account, eni, src, dst, srcPort,
                dstPort, protocol, packets, packets * 60, endSec - 50, endSec, action, "OK", "vpc-1", "subnet-1",
                instance, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A DNS query from {@code i-1} with the given answers, at {@code epochSec}. */
    public static DnsLogRecord dns(String query, long epochSec, String... answers) {
        return new DnsLogRecord(1, "dns-" + query + "-" + epochSec + "-" + (seq++), Harness.ACCOUNT, "1.100000",
                Harness.ACCOUNT, Harness.REGION, "vpc-1", Instant.ofEpochSecond(epochSec).toString(), query + ".", "A",
                "IN", "NOERROR",
                List.of(answers).stream().map(a -> new DnsLogRecord.Answer(a, "A", "IN")).toList(), "10.0.0.5",
                "45000", "UDP", new DnsLogRecord.SrcIds("i-1", null, null), null, null, null);
    }

    /**
     * A CloudTrail record from JSON text in CloudTrail's own format, as ingest would publish it for
     * {@link Harness#ACCOUNT} in {@code region} (the record's {@code awsRegion} when null).
     */
    public static CloudTrailRecord cloudTrail(JsonNode event, String region) {
        ObjectNode o = event.deepCopy();
        o.put("schemaVersion", 1);
        o.put("accountId", Harness.ACCOUNT);
        String r = region != null ? region : o.path("awsRegion").asText(Harness.REGION);
        o.put("region", r);
        if (!o.hasNonNull("eventId") && o.hasNonNull("eventID")) {
            o.put("eventId", o.get("eventID").asText());
        }
        return Json.MAPPER.convertValue(o, CloudTrailRecord.class);
    }

    /** A CloudTrail record from JSON text. */
    public static CloudTrailRecord cloudTrail(String json) {
        try {
            return cloudTrail(Json.MAPPER.readTree(json), Harness.REGION);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * A ListBuckets call of instance {@code instance}'s role session (role ID {@code AROA<account>}, role {@code web})
     * of {@code account} from {@code ip}, through VPC endpoint {@code vpce} when not {@code null}.
     */
    public static CloudTrailRecord instanceSessionCall(String account, String instance, String ip, String vpce,
            long t) {
        return cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROA%s:%s",
                "arn":"arn:aws:sts::%s:assumed-role/web/%s","accountId":"%s","accessKeyId":"ASIA%s",
                "sessionContext":{"sessionIssuer":{"type":"Role","userName":"web"}}},"eventTime":"%s",
                "eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-east-1",
                "sourceIPAddress":"%s","userAgent":"aws-sdk-java/2.20","requestParameters":{},"eventID":"sc-%s-%s-%d",
                "eventType":"AwsApiCall"%s}
                """.formatted(account, instance, account, instance, account, account,
                java.time.Instant.ofEpochSecond(t), ip, instance, ip, t,
                vpce == null ? "" : ",\"vpcEndpointId\":\"" + vpce + "\""));
    }

    /** A minimal API call by an IAM user. */
    public static CloudTrailRecord call(String source, String name, String ip, String userAgent, String requestJson,
            String errorCode, long epochSec) {
        return cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":
                "arn:aws:iam::111111111111:user/alice","accountId":"111111111111","accessKeyId":"AKIAEXAMPLE",
                "userName":"alice"},"eventTime":"%s","eventSource":"%s","eventName":"%s","awsRegion":"us-east-1",
                "sourceIPAddress":"%s","userAgent":"%s","requestParameters":%s%s,"eventID":"%s","eventType":"AwsApiCall"}
                """.formatted(Instant.ofEpochSecond(epochSec), source, name, ip, userAgent, requestJson,
                errorCode == null ? "" : ",\"errorCode\":\"" + errorCode + "\"",
                "ev-" + name + "-" + epochSec + "-" + ip + "-" + (seq++)));
    }

    /** A successful console login of IAM user {@code user} (principal {@code AIDA<USER>}) from {@code ip}. */
    public static CloudTrailRecord login(String user, String ip, long sec) {
        return cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA%s","arn":
                "arn:aws:iam::111111111111:user/%s","accountId":"111111111111","userName":"%s"},"eventTime":"%s",
                "eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1",
                "sourceIPAddress":"%s","userAgent":"Mozilla/5.0","responseElements":{"ConsoleLogin":"Success"},
                "additionalEventData":{"MFAUsed":"Yes"},"eventID":"login-%s-%s-%d","eventType":"AwsConsoleSignIn"}
                """.formatted(user.toUpperCase(), user, user, Instant.ofEpochSecond(sec), ip, user, ip, sec));
    }

    /** A random label of {@code length} base32 characters (looks like encoded data). */
    public static String randomLabel(java.util.Random r, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
