package dev.vigil.findings.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import dev.vigil.findings.repository.Db;
import dev.vigil.findings.repository.FindingRepository;
import dev.vigil.findings.service.FindingService;
import dev.vigil.findings.service.FindingStore;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * ListFindings latency on a large findings table (issue 7 item 7; not a timed test). Creates database
 * {@code vigil_bench} (dropped at the end unless {@code --keep}), applies the service's Flyway migrations, bulk-loads
 * realistic findings with {@code COPY} (60 GuardDuty finding types with their usual severities LOW 2.0, MEDIUM 5.0,
 * HIGH 8.0 and CRITICAL 9.0 for attack sequences, a skewed type mix, {@code updatedAt} over 90 days, EC2 instance,
 * access key and S3 bucket resources, 10% archived; column values from {@link FindingRepository#values}, as the
 * service stores them), then calls the service's own {@link FindingService#list} (criteria compilation, sort, keyset
 * {@code nextToken}, tenant scoping: every SQL statement a request runs) for several query shapes, single-threaded
 * on one connection, and prints p50/p95/p99 per shape plus {@code EXPLAIN (ANALYZE, BUFFERS)} of one query of each
 * shape. Account 0 administers accounts 1 to 4 (Enabled); the others have no members.
 *
 * <p>The query connection gets the service's JDBC driver properties
 * ({@code quarkus.datasource.jdbc.additional-jdbc-properties.*} of {@code application.properties}), so that
 * statements are planned as in the service; {@code --jdbc-defaults} leaves them out (the driver's defaults).
 *
 * <p>Usage: {@code ListFindingsBench [--findings 1000000] [--accounts 20] [--queries 500] [--keep] [--reuse]
 * [--explain-only] [--jdbc-defaults] [--load-only] [--database vigil_bench] [--first-account 100000000000]}.
 * {@code --load-only} loads (unless loaded) and stops before the queries. {@code --reuse} keeps
 * an existing loaded database (new migrations are applied to it). {@code --database} names the database (created and
 * dropped by the harness: never a service's own); {@code --first-account} is the 12-digit ID of account 0 (the others
 * follow it), e.g. 111111111111 to load the findings of the local stack's demo administrator (the console benchmark).
 * Connects to {@code VIGIL_PG_HOST}:{@code VIGIL_PG_PORT} (127.0.0.1:5432) as {@code VIGIL_PG_SUPERUSER} (postgres).
 */
public final class ListFindingsBench {

    private static String DB = "vigil_bench";
    private static long firstAccount = 100_000_000_000L;
    private static final String REGION = "us-east-1";
    private static final String OTHER_REGION = "eu-west-1";
    private static final int MEMBERS = 4;
    private static final Instant NOW = Instant.now();

    /** A finding type, its severity and the resource it is about. */
    record Type(String name, double severity, String resource) {
    }

    /** 60 GuardDuty finding types (GuardDuty finding types reference) with their usual severity. */
    static final List<Type> TYPES = types();

    private static List<Type> types() {
        List<Type> t = new ArrayList<>();
        Object[][] rows = {
            {"Recon:EC2/PortProbeUnprotectedPort", 2.0, "Instance"}, {"UnauthorizedAccess:EC2/SSHBruteForce", 2.0, "Instance"},
            {"Recon:EC2/Portscan", 5.0, "Instance"}, {"UnauthorizedAccess:EC2/RDPBruteForce", 2.0, "Instance"},
            {"Recon:IAMUser/MaliciousIPCaller", 5.0, "AccessKey"}, {"Policy:IAMUser/RootCredentialUsage", 2.0, "AccessKey"},
            {"Discovery:IAMUser/AnomalousBehavior", 2.0, "AccessKey"}, {"Behavior:EC2/NetworkPortUnusual", 5.0, "Instance"},
            {"UnauthorizedAccess:EC2/TorClient", 8.0, "Instance"}, {"CryptoCurrency:EC2/BitcoinTool.B!DNS", 8.0, "Instance"},
            {"Backdoor:EC2/C&CActivity.B!DNS", 8.0, "Instance"}, {"Trojan:EC2/DNSDataExfiltration", 8.0, "Instance"},
            {"Recon:EC2/PortProbeEMRUnprotectedPort", 8.0, "Instance"}, {"Backdoor:EC2/C&CActivity.B", 8.0, "Instance"},
            {"Backdoor:EC2/DenialOfService.Dns", 8.0, "Instance"}, {"Backdoor:EC2/DenialOfService.Tcp", 8.0, "Instance"},
            {"Backdoor:EC2/DenialOfService.Udp", 8.0, "Instance"}, {"Backdoor:EC2/Spambot", 5.0, "Instance"},
            {"Behavior:EC2/TrafficVolumeUnusual", 5.0, "Instance"}, {"CryptoCurrency:EC2/BitcoinTool.B", 8.0, "Instance"},
            {"DefenseEvasion:EC2/UnusualDNSResolver", 5.0, "Instance"}, {"DefenseEvasion:EC2/UnusualDoHActivity", 5.0, "Instance"},
            {"Impact:EC2/AbusedDomainRequest.Reputation", 5.0, "Instance"}, {"Impact:EC2/BitcoinDomainRequest.Reputation", 8.0, "Instance"},
            {"Impact:EC2/MaliciousDomainRequest.Reputation", 8.0, "Instance"}, {"Impact:EC2/PortSweep", 8.0, "Instance"},
            {"Impact:EC2/WinRMBruteForce", 8.0, "Instance"}, {"Trojan:EC2/BlackholeTraffic", 5.0, "Instance"},
            {"Trojan:EC2/BlackholeTraffic!DNS", 5.0, "Instance"}, {"Trojan:EC2/DGADomainRequest.B", 8.0, "Instance"},
            {"Trojan:EC2/DGADomainRequest.C!DNS", 8.0, "Instance"}, {"Trojan:EC2/DriveBySourceTraffic!DNS", 5.0, "Instance"},
            {"Trojan:EC2/DropPoint", 5.0, "Instance"}, {"Trojan:EC2/PhishingDomainRequest!DNS", 8.0, "Instance"},
            {"UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", 5.0, "Instance"}, {"UnauthorizedAccess:EC2/MetadataDNSRebind", 8.0, "Instance"},
            {"UnauthorizedAccess:EC2/TorRelay", 8.0, "Instance"}, {"CredentialAccess:IAMUser/AnomalousBehavior", 5.0, "AccessKey"},
            {"DefenseEvasion:IAMUser/AnomalousBehavior", 5.0, "AccessKey"}, {"Exfiltration:IAMUser/AnomalousBehavior", 8.0, "AccessKey"},
            {"Impact:IAMUser/AnomalousBehavior", 8.0, "AccessKey"}, {"InitialAccess:IAMUser/AnomalousBehavior", 5.0, "AccessKey"},
            {"PenTest:IAMUser/KaliLinux", 5.0, "AccessKey"}, {"PenTest:IAMUser/ParrotLinux", 5.0, "AccessKey"},
            {"PenTest:IAMUser/PentooLinux", 5.0, "AccessKey"}, {"Persistence:IAMUser/AnomalousBehavior", 5.0, "AccessKey"},
            {"PrivilegeEscalation:IAMUser/AnomalousBehavior", 5.0, "AccessKey"}, {"Recon:IAMUser/TorIPCaller", 5.0, "AccessKey"},
            {"Stealth:IAMUser/CloudTrailLoggingDisabled", 2.0, "AccessKey"}, {"Stealth:IAMUser/PasswordPolicyChange", 2.0, "AccessKey"},
            {"UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B", 5.0, "AccessKey"},
            {"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", 8.0, "AccessKey"},
            {"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS", 8.0, "AccessKey"},
            {"UnauthorizedAccess:IAMUser/MaliciousIPCaller", 5.0, "AccessKey"}, {"UnauthorizedAccess:IAMUser/TorIPCaller", 5.0, "AccessKey"},
            {"Discovery:S3/MaliciousIPCaller", 5.0, "S3Bucket"}, {"Exfiltration:S3/AnomalousBehavior", 8.0, "S3Bucket"},
            {"Policy:S3/BucketBlockPublicAccessDisabled", 2.0, "S3Bucket"}, {"AttackSequence:IAM/CompromisedCredentials", 9.0, "AccessKey"},
            {"AttackSequence:S3/CompromisedData", 9.0, "S3Bucket"},
        };
        for (Object[] r : rows) {
            t.add(new Type((String) r[0], (Double) r[1], (String) r[2]));
        }
        if (t.size() != 60) {
            throw new IllegalStateException("expected 60 types, got " + t.size());
        }
        return List.copyOf(t);
    }

    private ListFindingsBench() {
    }

    static String account(int i) {
        return String.format("%012d", firstAccount + i);
    }

    static String detector(int i, String region) {
        return String.format("%032x", (long) i * 2 + (region.equals(REGION) ? 0 : 1)).replace(' ', '0');
    }

    static String instance(int account, int n) {
        return "i-0" + String.format("%016x", (long) account * 1_000_003L + n);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int findings = Integer.parseInt(opt.getOrDefault("findings", "1000000"));
        int accounts = Integer.parseInt(opt.getOrDefault("accounts", "20"));
        int queries = Integer.parseInt(opt.getOrDefault("queries", "500"));
        DB = opt.getOrDefault("database", DB);
        if (!DB.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("--database must be a lower-case PostgreSQL name, not " + DB);
        }
        firstAccount = Long.parseLong(opt.getOrDefault("first-account", Long.toString(firstAccount)));
        if (firstAccount < 0 || firstAccount + accounts > 999_999_999_999L) {
            throw new IllegalArgumentException("--first-account must leave room for " + accounts + " 12-digit account IDs");
        }
        String host = System.getenv().getOrDefault("VIGIL_PG_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("VIGIL_PG_PORT", "5432");
        String user = System.getenv().getOrDefault("VIGIL_PG_SUPERUSER", "postgres");
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + DB + "?currentSchema=findings";
        boolean reuse = opt.containsKey("reuse");
        try {
            try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
                boolean exists;
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DB + "'")) {
                    exists = rs.next();
                }
                if (exists && !reuse) {
                    s.execute("drop database " + DB);
                }
                if (!exists || !reuse) {
                    s.execute("create database " + DB);
                }
            }
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("create schema if not exists findings");
            }
            long t0 = System.nanoTime();
            Flyway.configure().dataSource(url, user, password).schemas("findings").defaultSchema("findings")
                    .locations("classpath:db/migration").load().migrate();
            log("migrations applied in %.1f s", secs(t0));
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                long have = count(c);
                if (have != findings) {
                    if (have > 0) {
                        throw new IllegalStateException(DB + " holds " + have + " findings, not " + findings
                                + ": run without --reuse");
                    }
                    load(c, findings, accounts);
                }
            }
            if (opt.containsKey("load-only")) {
                return;
            }
            Properties driver = opt.containsKey("jdbc-defaults") ? new Properties() : serviceDriverProperties();
            log("JDBC driver properties of the query connection: %s", driver);
            driver.setProperty("user", user);
            driver.setProperty("password", password);
            try (Connection c = DriverManager.getConnection(url, driver)) {
                run(c, accounts, queries, opt.containsKey("explain-only"));
            }
        } finally {
            if (!opt.containsKey("keep")) {
                try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + DB + " with (force)");
                    log("dropped database %s", DB);
                }
            }
        }
    }

    /** The service's {@code quarkus.datasource.jdbc.additional-jdbc-properties.*} (unprofiled keys). */
    private static Properties serviceDriverProperties() throws Exception {
        String prefix = "quarkus.datasource.jdbc.additional-jdbc-properties.";
        Properties app = new Properties();
        try (var in = ListFindingsBench.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        Properties out = new Properties();
        app.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> out.setProperty(k.substring(prefix.length()), app.getProperty(k)));
        return out;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i].replaceFirst("^--", "");
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opt.put(a, args[++i]);
            } else {
                opt.put(a, "true");
            }
        }
        return opt;
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from finding")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- load ---------------------------------------------------------------------------------------------------

    private static void load(Connection c, int findings, int accounts) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("set maintenance_work_mem = '512MB'");
            for (int a = 0; a < accounts; a++) {
                for (String region : List.of(REGION, OTHER_REGION)) {
                    s.execute("insert into detector values ('" + account(a) + "', '" + region + "', '" + detector(a, region)
                            + "', 'ENABLED', 'SIX_HOURS')");
                }
            }
            for (int m = 1; m <= MEMBERS; m++) {
                s.execute("insert into membership values ('" + account(0) + "', '" + account(m) + "', 'Enabled')");
            }
        }
        // drop the secondary indexes, COPY, then build them again: the usual bulk-load order
        Map<String, String> indexes = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select indexname, indexdef from pg_indexes "
                + "where schemaname = 'findings' and tablename = 'finding' and indexname <> 'finding_pkey'")) {
            while (rs.next()) {
                indexes.put(rs.getString(1), rs.getString(2));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : indexes.keySet()) {
                s.execute("drop index findings." + name);
            }
        }
        long t0 = System.nanoTime();
        List<String> columns = FindingRepository.columns();
        CopyIn copy = new CopyManager(c.unwrap(BaseConnection.class)).copyIn("copy finding (" + String.join(",", columns)
                + ") from stdin");
        SplittableRandom random = new SplittableRandom(42);
        double[] cumulative = typeWeights();
        StringBuilder sb = new StringBuilder(1 << 21);
        long span = Duration.ofDays(90).toMillis();
        for (int i = 0; i < findings; i++) {
            // created in order over 90 days (seq follows creation), updated between creation and now, mostly soon after
            long created = NOW.toEpochMilli() - span + (long) ((double) i / findings * span) - random.nextLong(60_000);
            long sinceCreated = NOW.toEpochMilli() - created;
            double u = random.nextDouble();
            long updated = created + (long) (sinceCreated * u * u * u);
            ObjectNode doc = finding(random, cumulative, accounts, Instant.ofEpochMilli(created), Instant.ofEpochMilli(updated));
            List<Object> values = FindingRepository.values(doc, false, false);
            for (int k = 0; k < values.size(); k++) {
                if (k > 0) {
                    sb.append('\t');
                }
                copyValue(sb, values.get(k));
            }
            sb.append('\n');
            if (sb.length() > (1 << 20)) {
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                sb.setLength(0);
            }
            if ((i + 1) % 200_000 == 0) {
                log("generated and copied %,d findings (%.0f s)", i + 1, secs(t0));
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
        log("COPY of %,d findings done in %.1f s", findings, secs(t0));
        long t1 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            for (String def : indexes.values()) {
                s.execute(def);
            }
            s.execute("analyze");
        }
        log("%d indexes built and analyzed in %.1f s; table %s, indexes %s", indexes.size(), secs(t1),
                scalar(c, "select pg_size_pretty(pg_table_size('finding'))"),
                scalar(c, "select pg_size_pretty(pg_indexes_size('finding'))"));
    }

    private static double[] typeWeights() {
        // a skewed mix (weight 1/rank^0.9): port probes and brute force dominate, attack sequences are rare
        double[] w = new double[TYPES.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += 1 / Math.pow(i + 1, 0.9);
            w[i] = sum;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static ObjectNode finding(SplittableRandom r, double[] cumulative, int accounts, Instant created,
            Instant updated) {
        int idx = Arrays.binarySearch(cumulative, r.nextDouble());
        Type type = TYPES.get(Math.min(idx < 0 ? -idx - 1 : idx, TYPES.size() - 1));
        int a = r.nextInt(accounts);
        String account = account(a);
        String region = r.nextInt(10) == 0 ? OTHER_REGION : REGION;
        String id = HexFormat.of().formatHex(bytes(r));
        String detectorId = detector(a, region);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("accountId", account).put("arn", "arn:aws:guardduty:" + region + ":" + account + ":detector/" + detectorId
                + "/finding/" + id).put("createdAt", FindingStore.iso(created)).put("id", id).put("partition", "aws")
                .put("region", region).put("schemaVersion", "2.0").put("severity", type.severity())
                .put("type", type.name()).put("updatedAt", FindingStore.iso(updated));
        doc.put("title", type.name().replaceAll("[:/.!]", " ") + " activity");
        doc.put("description", "Benchmark finding of type " + type.name() + " in account " + account + ".");
        ObjectNode resource = doc.putObject("resource");
        resource.put("resourceType", type.resource());
        String remoteIp = "198.51." + r.nextInt(256) + "." + r.nextInt(256);
        ObjectNode service = doc.putObject("service");
        ObjectNode action = service.putObject("action");
        switch (type.resource()) {
            case "Instance" -> {
                ObjectNode inst = resource.putObject("instanceDetails");
                inst.put("instanceId", instance(a, r.nextInt(200))).put("instanceType", r.nextBoolean() ? "t3.medium" : "m5.large")
                        .put("imageId", "ami-0" + Integer.toHexString(0x1000000 + r.nextInt(50))).put("availabilityZone", region + "a")
                        .put("instanceState", "running").put("launchTime", FindingStore.iso(created.minusSeconds(86_400)));
                inst.putArray("networkInterfaces").addObject().put("privateIpAddress", "10.0." + r.nextInt(256) + "."
                        + r.nextInt(256)).put("subnetId", "subnet-0" + a).put("vpcId", "vpc-0" + a);
                if (type.name().contains("DNS") || type.name().contains("Domain")) {
                    action.put("actionType", "DNS_REQUEST").putObject("dnsRequestAction")
                            .put("domain", "x" + r.nextInt(5000) + ".example.net").put("protocol", "UDP").put("blocked", false);
                } else {
                    ObjectNode nc = action.put("actionType", "NETWORK_CONNECTION").putObject("networkConnectionAction");
                    boolean inbound = type.name().startsWith("Recon") || type.name().contains("BruteForce");
                    nc.put("blocked", false).put("connectionDirection", inbound ? "INBOUND" : "OUTBOUND").put("protocol", "TCP");
                    nc.putObject("localPortDetails").put("port", inbound ? List.of(22, 3389, 80, 443).get(r.nextInt(4)) : 40_000 + r.nextInt(20_000));
                    nc.putObject("remotePortDetails").put("port", inbound ? 40_000 + r.nextInt(20_000) : List.of(443, 80, 9001).get(r.nextInt(3)));
                    ObjectNode rip = nc.putObject("remoteIpDetails").put("ipAddressV4", remoteIp);
                    rip.putObject("country").put("countryName", List.of("Netherlands", "Russia", "Brazil", "China", "United States").get(r.nextInt(5)));
                    rip.putObject("organization").put("asn", Integer.toString(1000 + r.nextInt(60_000))).put("asnOrg", "Example Hosting");
                }
                service.put("resourceRole", type.name().startsWith("Recon") || type.name().contains("BruteForce") ? "TARGET" : "ACTOR");
            }
            case "S3Bucket" -> {
                resource.putArray("s3BucketDetails").addObject().put("name", "bucket-" + a + "-" + r.nextInt(30))
                        .put("type", "Destination").put("arn", "arn:aws:s3:::bucket-" + a);
                apiCall(r, resource, action, remoteIp, a, "s3.amazonaws.com", "GetObject");
                service.put("resourceRole", "TARGET");
            }
            default -> {
                apiCall(r, resource, action, remoteIp, a, "iam.amazonaws.com", List.of("ListUsers", "GetCallerIdentity",
                        "ConsoleLogin", "DescribeInstances", "StopLogging").get(r.nextInt(5)));
                service.put("resourceRole", "TARGET");
            }
        }
        long count = 1 + (long) Math.floor(Math.pow(r.nextDouble(), 3) * 500);
        Instant first = created.minusSeconds(r.nextInt(3600));
        service.put("archived", r.nextInt(10) == 0).put("count", count).put("detectorId", detectorId)
                .put("eventFirstSeen", FindingStore.iso(first)).put("eventLastSeen", FindingStore.iso(updated))
                .put("serviceName", "guardduty");
        ObjectNode info = service.putObject("additionalInfo").put("value", "{}").put("type", "default");
        if (r.nextInt(5) == 0) {
            info.put("threatListName", "ProofPoint");
        }
        return doc;
    }

    private static byte[] bytes(SplittableRandom r) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i += 8) {
            long v = r.nextLong();
            for (int k = 0; k < 8; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return b;
    }

    private static void apiCall(SplittableRandom r, ObjectNode resource, ObjectNode action, String remoteIp, int a,
            String service, String api) {
        int user = r.nextInt(50);
        resource.putObject("accessKeyDetails").put("accessKeyId", String.format("AKIA%016d", a * 100L + user))
                .put("principalId", String.format("AIDA%016d", a * 100L + user)).put("userName", "user-" + user)
                .put("userType", user == 0 ? "Root" : "IAMUser");
        ObjectNode call = action.put("actionType", "AWS_API_CALL").putObject("awsApiCallAction");
        call.put("api", api).put("callerType", "Remote IP").put("serviceName", service);
        call.putObject("remoteIpDetails").put("ipAddressV4", remoteIp);
    }

    private static void copyValue(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("\\N");
            return;
        }
        // integral doubles without ".0": column count is a bigint that the document holds as a number
        String s = v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                : String.valueOf(v);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }

    // --- queries -----------------------------------------------------------------------------------------------

    /** One query shape: the caller account and the request body of one ListFindings call, and how many pages deep. */
    record Shape(String name, int pages, Function<SplittableRandom, Call> next) {
    }

    /** One ListFindings call: caller account index and request body. */
    record Call(int account, ObjectNode body) {
    }

    private static ObjectNode body(String criteria, String sort) {
        return (ObjectNode) Json.read("{\"maxResults\":50" + (criteria == null ? "" : ",\"findingCriteria\":{\"criterion\":"
                + criteria + "}") + (sort == null ? "" : ",\"sortCriteria\":" + sort) + "}", JsonNode.class);
    }

    private static List<Shape> shapes(int accounts) {
        String byUpdated = "{\"attributeName\":\"updatedAt\",\"orderBy\":\"DESC\"}";
        Function<SplittableRandom, Integer> standalone = r -> MEMBERS + 1 + r.nextInt(accounts - MEMBERS - 1);
        return List.of(
                new Shape("severity >= 7, sort updatedAt DESC (one account)", 1, r -> new Call(standalone.apply(r),
                        body("{\"severity\":{\"gte\":7}}", byUpdated))),
                new Shape("type Eq, default order (one account)", 1, r -> new Call(standalone.apply(r),
                        body("{\"type\":{\"eq\":[\"" + TYPES.get(r.nextInt(TYPES.size())).name() + "\"]}}", null))),
                new Shape("resource.instanceDetails.instanceId Eq, default order (one account)", 1, r -> {
                    int a = standalone.apply(r);
                    return new Call(a, body("{\"resource.instanceDetails.instanceId\":{\"eq\":[\"" + instance(a, r.nextInt(200))
                            + "\"]}}", null));
                }),
                new Shape("administrator: service.archived false + accountId Eq member, sort updatedAt DESC", 1,
                        r -> new Call(0, body("{\"service.archived\":{\"eq\":[\"false\"]},\"accountId\":{\"eq\":[\""
                                + account(1 + r.nextInt(MEMBERS)) + "\"]}}", byUpdated))),
                new Shape("severity >= 7, sort updatedAt DESC, page 5 by nextToken (one account)", 5,
                        r -> new Call(standalone.apply(r), body("{\"severity\":{\"gte\":7}}", byUpdated))),
                new Shape("administrator: severity >= 7, sort updatedAt DESC (own + 4 members)", 1,
                        r -> new Call(0, body("{\"severity\":{\"gte\":7}}", byUpdated))),
                new Shape("no criteria, sort severity DESC (one account)", 1, r -> new Call(standalone.apply(r),
                        body(null, "{\"attributeName\":\"severity\",\"orderBy\":\"DESC\"}"))));
    }

    private static void run(Connection c, int accounts, int queries, boolean explainOnly) throws Exception {
        Recorder recorder = new Recorder(c);
        FindingService service = new FindingService(new Db(recorder.dataSource()));
        long total = count(c);
        log("load average before queries: %s", loadAverage());
        List<String> rows = new ArrayList<>();
        StringBuilder plans = new StringBuilder();
        for (Shape shape : shapes(accounts)) {
            SplittableRandom r = new SplittableRandom(shape.name().hashCode());
            int warmup = explainOnly ? 1 : Math.max(20, queries / 10);
            int n = explainOnly ? 0 : queries;
            long[] nanos = new long[n];
            int results = 0;
            for (int q = -warmup; q < n; q++) {
                Call call = shape.next().apply(r);
                String caller = account(call.account());
                String detectorId = detector(call.account(), REGION);
                ObjectNode body = call.body();
                long t = 0;
                JsonNode out = null;
                for (int page = 1; page <= shape.pages(); page++) {
                    t = System.nanoTime();
                    out = service.list(caller, REGION, detectorId, body);
                    t = System.nanoTime() - t;
                    if (page < shape.pages()) {
                        if (!out.hasNonNull("nextToken")) {
                            throw new IllegalStateException(shape.name() + ": no page " + (page + 1));
                        }
                        body = body.deepCopy().put("nextToken", out.get("nextToken").asText());
                    }
                }
                if (q >= 0) {
                    nanos[q] = t;
                    results += out.get("findingIds").size();
                }
            }
            plans.append("\n### ").append(shape.name()).append("\n\n```\n").append(recorder.explainLast()).append("```\n");
            if (n > 0) {
                Arrays.sort(nanos);
                rows.add(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |", shape.name(), n,
                        (double) results / n, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[n - 1] / 1e6));
                log("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", shape.name(), ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99));
            }
        }
        String load = loadAverage();
        log("load average after queries: %s", load);
        PrintWriter out = new PrintWriter(System.out, true);
        out.printf("%n## ListFindings on %,d findings, %d accounts (maxResults 50, one connection, one thread)%n%n", total, accounts);
        out.println("| shape | queries | IDs per page | p50 ms | p95 ms | p99 ms | max ms |");
        out.println("|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
        out.printf("%nLoad average after the run: %s (2 cores).%n", load);
        out.println(plans);
    }

    private static double ms(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static String loadAverage() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    /**
     * One connection shared by every transaction (a pool of one: {@code close} does nothing) that remembers the SQL
     * and parameters of the last ListFindings page query, to explain it.
     */
    static final class Recorder {
        private final Connection connection;
        private String lastSql;
        private List<Object> lastParams = List.of();

        Recorder(Connection connection) {
            this.connection = connection;
        }

        DataSource dataSource() {
            Connection shared = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                        if (m.getName().equals("close")) {
                            return null;
                        }
                        Object result = invoke(connection, m, args);
                        if (m.getName().equals("prepareStatement") && args.length == 1) {
                            return recording((PreparedStatement) result, (String) args[0]);
                        }
                        return result;
                    });
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, m, args) -> {
                        if (m.getName().equals("getConnection")) {
                            return shared;
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
        }

        private PreparedStatement recording(PreparedStatement ps, String sql) {
            List<Object> params = new ArrayList<>();
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, m, args) -> {
                        if (m.getName().equals("setObject") && args.length == 2) {
                            int i = (Integer) args[0];
                            while (params.size() < i) {
                                params.add(null);
                            }
                            params.set(i - 1, args[1]);
                        }
                        if (m.getName().equals("executeQuery") && sql.startsWith("select id, ")) {
                            lastSql = sql;
                            lastParams = List.copyOf(params);
                        }
                        return invoke(ps, m, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** {@code EXPLAIN (ANALYZE, BUFFERS)} of the last page query, with its parameters. */
        String explainLast() throws SQLException {
            StringBuilder sb = new StringBuilder("-- ").append(lastSql).append("\n-- params ").append(lastParams).append('\n');
            try (PreparedStatement ps = connection.prepareStatement("explain (analyze, buffers) " + lastSql)) {
                Db.bind(ps, 1, lastParams);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return sb.toString();
        }
    }
}
