package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A day of one account's logs as files, the way collectors deliver them: an hour of one interface's flow logs, of one
 * instance's DNS queries, of one principal's CloudTrail events per file, each file in time order. Benign activity of
 * three interfaces and instances (HTTPS to varied public hosts, DNS lookups, an API call now and then) and three
 * principals (a console login a day each), plus attacks: an outbound port scan by {@code i-a} (60 ports in a minute at
 * 03:00), an inbound SSH brute force against {@code i-b} (40 sessions in 4 minutes at 07:00), DNS exfiltration from
 * {@code i-c} (40 encoded queries at 12:00) and console logins of {@code carol} from two networks (18:00; her daily
 * login at 10:00 is another window).
 * Deterministic (seeded); the day spans less than the default lateness horizon of 24 hours.
 */
final class DayOfLogs {

    /** One delivered file: records of one resource and log source, in time order. */
    record LogFile(String name, List<Object> records) {
        /** Event time (UTC epoch s) of the file's first record. */
        long start() {
            return DayOfLogs.time(records.get(0));
        }
    }

    private static final long HOUR = 3600;
    private static final String[][] INTERFACES = {{"eni-a", "i-a", "10.0.1.10"}, {"eni-b", "i-b", "10.0.1.11"},
        {"eni-c", "i-c", "10.0.1.12"}};
    private static final String[] PRINCIPALS = {"alice", "bob", "carol"};

    private DayOfLogs() {
    }

    /** The files of the day, ordered by their first record's event time. */
    static List<LogFile> files() {
        Random r = new Random(22);
        List<LogFile> files = new ArrayList<>();
        for (int hour = 0; hour < 23; hour++) {
            long h0 = T0 + hour * HOUR;
            for (String[] eni : INTERFACES) {
                List<Object> flows = new ArrayList<>();
                for (long s = 0; s < HOUR; s += 600) {
                    String remote = "203.0." + (100 + r.nextInt(20)) + "." + (1 + r.nextInt(250));
                    flows.add(flow(eni[0], eni[1], eni[2], remote, 40000 + r.nextInt(20000), 443, 6,
                            20 + r.nextInt(200), "ACCEPT", h0 + s + r.nextInt(60)));
                }
                if (hour == 3 && eni[1].equals("i-a")) {
                    for (int p = 0; p < 60; p++) {
                        flows.add(flow(eni[0], eni[1], eni[2], "198.51.100.50", 50000 + p, 1 + p, 6, 1, "ACCEPT",
                                h0 + 60 + p));
                    }
                }
                if (hour == 7 && eni[1].equals("i-b")) {
                    for (int i = 0; i < 40; i++) {
                        flows.add(flow(eni[0], eni[1], "203.0.113.66", eni[2], 30000 + i, 22, 6, 12, "ACCEPT",
                                h0 + 60 + i * 6));
                    }
                }
                files.add(file("flow " + eni[0] + " " + hour, flows));

                List<Object> dns = new ArrayList<>();
                for (long s = 0; s < HOUR; s += 1200) {
                    dns.add(dns(eni, "www" + r.nextInt(5) + ".example.com", h0 + s + r.nextInt(60)));
                }
                if (hour == 12 && eni[1].equals("i-c")) {
                    for (int i = 0; i < 40; i++) {
                        dns.add(dns(eni, Records.randomLabel(r, 48) + ".x.exfil-example.com", h0 + 120 + i));
                    }
                }
                files.add(file("dns " + eni[1] + " " + hour, dns));
            }
            for (int p = 0; p < PRINCIPALS.length; p++) {
                List<Object> trail = new ArrayList<>();
                if (hour == 8 + p) {
                    trail.add(Records.login(PRINCIPALS[p], "198.51.100." + (10 + p), h0 + 100));
                }
                if (hour == 18 && PRINCIPALS[p].equals("carol")) {
                    trail.add(Records.login("carol", "192.0.2.44", h0 + 200));
                    trail.add(Records.login("carol", "203.0.113.200", h0 + 260));
                }
                if (!trail.isEmpty()) {
                    files.add(file("cloudtrail " + PRINCIPALS[p] + " " + hour, trail));
                }
            }
        }
        files.sort(Comparator.comparingLong(LogFile::start));
        return files;
    }

    private static LogFile file(String name, List<Object> records) {
        records.sort(Comparator.comparingLong(DayOfLogs::time));
        return new LogFile(name, List.copyOf(records));
    }

    /** Event time of a record, UTC epoch s. */
    static long time(Object record) {
        long ms = record instanceof FlowLogRecord f ? f.eventTimeMillis()
                : record instanceof DnsLogRecord d ? d.eventTimeMillis()
                : ((CloudTrailRecord) record).eventTimeMillis();
        return ms / 1000;
    }

    /** Sends {@code record} to its topic. */
    static void send(Harness h, Object record) {
        if (record instanceof FlowLogRecord f) {
            h.flow(f);
        } else if (record instanceof DnsLogRecord d) {
            h.dns(d);
        } else {
            h.cloudTrail((CloudTrailRecord) record);
        }
    }

    private static DnsLogRecord dns(String[] eni, String query, long sec) {
        return new DnsLogRecord(1, "dns-" + eni[1] + "-" + query + "-" + sec, Harness.ACCOUNT, "1.100000",
                Harness.ACCOUNT, Harness.REGION, "vpc-1", Instant.ofEpochSecond(sec).toString(), query + ".", "A",
                "IN", "NOERROR", List.of(new DnsLogRecord.Answer("93.184.216.34", "A", "IN")), eni[2], "45000",
                "UDP", new DnsLogRecord.SrcIds(eni[1], null, null), null, null, null);
    }
}
