package dev.vigil.e2e.sim.records;

import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Company.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The log records of one simulator run, in the order they were made, and the builders that make them with AWS's
 * field names: flow log records, Route 53 Resolver query log lines and CloudTrail events. A {@code LogRecords} is a
 * view that tags what it adds with one attack scenario ({@link #forScenario}) or with none (benign activity); all
 * views of a run share one list and one random source, so the order of the calls decides the output.
 */
public final class LogRecords {

    /** The three log sources. */
    public enum Kind { FLOW, DNS, CLOUDTRAIL }

    /**
     * One log record awaiting its file.
     *
     * @param account  the account whose log holds it
     * @param kind     the log source
     * @param timeMs   its event time, epoch milliseconds (records outside the run's period are not written)
     * @param seq      creation order, the tie-breaker of equal times
     * @param scenario the attack scenario's id, or null for benign activity
     * @param payload  a {@link Flow}, or the JSON map of a DNS line or CloudTrail event
     */
    public record Rec(String account, Kind kind, long timeMs, long seq, String scenario, Object payload) {
    }

    /** What every view of a run shares. */
    private static final class Run {
        final List<Rec> recs = new ArrayList<>();
        final Random rnd;
        final Instant start;
        long seq;

        Run(Random rnd, Instant start) {
            this.rnd = rnd;
            this.start = start;
        }
    }

    private final Run run;
    private final String scenario;

    /**
     * The benign view of a new run.
     *
     * @param rnd   the run's random source (ports, request and event IDs)
     * @param start the start of the run's period (the instance roles' session creation date)
     */
    public LogRecords(Random rnd, Instant start) {
        this(new Run(rnd, start), null);
    }

    private LogRecords(Run run, String scenario) {
        this.run = run;
        this.scenario = scenario;
    }

    /** A view of the same run that tags its records with attack scenario {@code id}. */
    public LogRecords forScenario(String id) {
        return new LogRecords(run, id);
    }

    /** Every record of the run so far, in creation order. */
    public List<Rec> all() {
        return Collections.unmodifiableList(run.recs);
    }

    /** Adds one flow log record (event time: its end). */
    public void flow(Flow f) {
        add(f.eni().account(), Kind.FLOW, f.endSec() * 1000, f);
    }

    /**
     * Adds one connection's flow records: request and response on the client's ENI and on the server's ENI (when
     * they are ours; an instance's flow records show its private address even when it has a public one).
     * {@code externalIp} stands for whichever side is not one of our instances (client or server is null).
     *
     * @param t       the 10-minute slot (epoch seconds) the connection starts in
     * @param packets packets each way
     */
    public void connection(Instance client, Instance server, String externalIp, int port, int proto, long t,
                           int packets) {
        Random rnd = run.rnd;
        String clientAddr = client != null ? client.privateIp() : externalIp;
        String serverAddr = server != null ? server.privateIp() : externalIp;
        int sport = 32768 + rnd.nextInt(28000);
        long s = t + rnd.nextInt(300);
        long e = Math.min(s + 1 + rnd.nextInt(240), t + 599);
        long reqBytes = packets * (60L + rnd.nextInt(400));
        long respBytes = packets * (200L + rnd.nextInt(1200));
        if (client != null) {
            flow(new Flow(client, clientAddr, serverAddr, sport, port, proto, packets, reqBytes, s, e, "ACCEPT", false, 3));
            flow(new Flow(client, serverAddr, clientAddr, port, sport, proto, packets, respBytes, s, e, "ACCEPT", true, 19));
        }
        if (server != null) {
            flow(new Flow(server, clientAddr, serverAddr, sport, port, proto, packets, reqBytes, s, e, "ACCEPT", true, 3));
            flow(new Flow(server, serverAddr, clientAddr, port, sport, proto, packets, respBytes, s, e, "ACCEPT", false, 19));
        }
    }

    /**
     * Adds one Resolver query log line of instance {@code i}.
     *
     * @param name  the query name with its trailing dot
     * @param type  the query type ({@code A}, {@code TXT}, ...)
     * @param rcode the response code; {@code NOERROR} gets one A answer derived from the name
     */
    public void dns(Instance i, long epochSec, String name, String type, String rcode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "1.100000");
        m.put("account_id", i.account());
        m.put("region", Company.REGION);
        m.put("vpc_id", i.vpcId());
        m.put("query_timestamp", Instant.ofEpochSecond(epochSec).toString());
        m.put("query_name", name);
        m.put("query_type", type);
        m.put("query_class", "IN");
        m.put("rcode", rcode);
        List<Map<String, String>> answers = new ArrayList<>();
        if (rcode.equals("NOERROR")) {
            int h = Math.abs(name.hashCode());
            answers.add(ordered("Rdata", (h % 200 + 13) + "." + (h / 7 % 256) + "." + (h / 11 % 256) + "." + (h / 13 % 250 + 1),
                "Type", "A", "Class", "IN"));
        }
        m.put("answers", answers);
        m.put("srcaddr", i.privateIp());
        m.put("srcport", String.valueOf(32768 + run.rnd.nextInt(28000)));
        m.put("transport", "UDP");
        m.put("srcids", ordered("instance", i.instanceId()));
        add(i.account(), Kind.DNS, epochSec * 1000, m);
    }

    /** Adds a successful console sign-in of {@code u} from the office, with MFA. */
    public void consoleLogin(long epochSec, User u) {
        Map<String, Object> r = ctRecord(epochSec, iamUser(u), "signin.amazonaws.com", "ConsoleLogin",
            Company.OFFICE_IP, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 Safari/605.1.15", null);
        r.put("eventType", "AwsConsoleSignIn");
        r.put("responseElements", ordered("ConsoleLogin", "Success"));
        r.put("additionalEventData", ordered("MobileVersion", "No", "MFAUsed", "Yes"));
        add(u.account(), Kind.CLOUDTRAIL, epochSec * 1000, r);
    }

    /** Adds one CloudTrail API call event (see {@link #ctRecord}) in the identity's account. */
    public void ct(long epochSec, Map<String, Object> identity, String source, String name, String ip, String agent,
                   Map<String, Object> params) {
        Map<String, Object> r = ctRecord(epochSec, identity, source, name, ip, agent, params);
        add((String) identity.get("accountId"), Kind.CLOUDTRAIL, epochSec * 1000, r);
    }

    /**
     * A CloudTrail management event ({@code AwsApiCall}) without adding it, for callers that change fields first.
     *
     * @param identity the {@code userIdentity} ({@link #iamUser}, {@link #instanceRole} or a hand-made one)
     * @param source   {@code eventSource}, e.g. {@code iam.amazonaws.com}
     * @param name     {@code eventName}; {@code readOnly} is true for Describe*, List*, Get*
     * @param params   {@code requestParameters} (null or empty: null), written with sorted keys
     */
    public Map<String, Object> ctRecord(long epochSec, Map<String, Object> identity, String source, String name,
                                        String ip, String agent, Map<String, Object> params) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("eventVersion", "1.09");
        r.put("userIdentity", identity);
        r.put("eventTime", Instant.ofEpochSecond(epochSec).toString());
        r.put("eventSource", source);
        r.put("eventName", name);
        r.put("awsRegion", Company.REGION);
        r.put("sourceIPAddress", ip);
        r.put("userAgent", agent);
        r.put("requestParameters", params == null || params.isEmpty() ? null : new TreeMap<>(params));
        r.put("responseElements", null);
        r.put("requestID", uuid());
        r.put("eventID", uuid());
        r.put("readOnly", name.startsWith("Describe") || name.startsWith("List") || name.startsWith("Get"));
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", identity.get("accountId"));
        r.put("eventCategory", "Management");
        return r;
    }

    /**
     * Adds one S3 data event (CloudTrail {@code eventCategory} {@code Data}, {@code managementEvent} false) of
     * {@code identity} on {@code bucket} ({@code key} null for bucket-level calls such as ListObjects).
     */
    public void s3(long epochSec, Map<String, Object> identity, String name, String bucket, String key, String ip,
                   String agent) {
        Map<String, Object> params = key == null ? ordered("bucketName", bucket, "Host", bucket + ".s3.amazonaws.com")
            : ordered("bucketName", bucket, "Host", bucket + ".s3.amazonaws.com", "key", key);
        Map<String, Object> r = ctRecord(epochSec, identity, "s3.amazonaws.com", name, ip, agent, params);
        r.put("managementEvent", false);
        r.put("eventCategory", "Data");
        r.put("resources", List.of(ordered("type", "AWS::S3::Bucket", "ARN", "arn:aws:s3:::" + bucket)));
        add((String) identity.get("accountId"), Kind.CLOUDTRAIL, epochSec * 1000, r);
    }

    /** Adds a record made by hand (e.g. from {@link #ctRecord}). */
    public void add(String account, Kind kind, long timeMs, Object payload) {
        run.recs.add(new Rec(account, kind, timeMs, run.seq++, scenario, payload));
    }

    /** The {@code userIdentity} of IAM user {@code u} calling with its access key. */
    public static Map<String, Object> iamUser(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "IAMUser");
        m.put("principalId", u.principalId());
        m.put("arn", u.arn());
        m.put("accountId", u.account());
        m.put("accessKeyId", u.accessKeyId());
        m.put("userName", u.name());
        return m;
    }

    /** The {@code userIdentity} of instance {@code i}'s role session (EC2 role delivery 2.0). */
    public Map<String, Object> instanceRole(Instance i) {
        String role = Company.roleName(i);
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("type", "Role");
        issuer.put("principalId", i.roleId());
        issuer.put("arn", "arn:aws:iam::" + i.account() + ":role/" + role);
        issuer.put("accountId", i.account());
        issuer.put("userName", role);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("sessionIssuer", issuer);
        ctx.put("attributes", ordered("creationDate", run.start.toString(), "mfaAuthenticated", "false"));
        ctx.put("ec2RoleDelivery", "2.0");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "AssumedRole");
        m.put("principalId", i.roleId() + ":" + i.instanceId());
        m.put("arn", "arn:aws:sts::" + i.account() + ":assumed-role/" + role + "/" + i.instanceId());
        m.put("accountId", i.account());
        m.put("accessKeyId", i.accessKeyId());
        m.put("sessionContext", ctx);
        return m;
    }

    /**
     * An insertion-ordered map of alternating keys and values. Payloads never use {@code Map.of}, whose iteration
     * order changes from one JVM run to the next and would break byte-identical output.
     */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> ordered(Object... keyValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], (V) keyValues[i + 1]);
        }
        return m;
    }

    private String uuid() {
        long hi = (run.rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (run.rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
