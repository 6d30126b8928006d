package dev.vigil.e2e.sim;

import static dev.vigil.e2e.sim.records.LogRecords.ordered;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.Company.Instance;
import dev.vigil.e2e.sim.records.Flow;
import dev.vigil.e2e.sim.records.LogRecords.Kind;
import dev.vigil.e2e.sim.records.LogRecords.Rec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a run's records as AWS delivers them to S3: one file per account, log source and UTC day before the attack
 * window, one per hour inside it, each sorted by event time, under keys shaped like AWS's
 * ({@code AWSLogs/<account>/vpcflowlogs|vpcdnsquerylogs|CloudTrail/...}). Flow files start with the header line;
 * the member's first flow file uses {@link Simulator#V5_CUSTOM_HEADER}.
 */
final class LogFiles {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    /** The key a record's file is chosen by: account, kind and chunk start (UTC day, or hour in the attack window). */
    private record FileKey(long chunkStartSec, String account, Kind kind) {
    }

    private final Company co;
    private final Simulator.Options opt;
    private final Instant start;
    private final Instant attackStart;
    private final ObjectMapper json;

    LogFiles(Company co, Simulator.Options opt, Instant start, Instant attackStart, ObjectMapper json) {
        this.co = co;
        this.opt = opt;
        this.start = start;
        this.attackStart = attackStart;
        this.json = json;
    }

    /**
     * Writes every record of {@code [start, end)} into {@code out}.
     *
     * @param filesByScenario filled with each scenario's files, in writing order
     * @return the written files relative to {@code out}, in chronological (ingestion) order
     */
    List<String> write(List<Rec> recs, Path out, Map<String, List<String>> filesByScenario) throws IOException {
        Map<FileKey, List<Rec>> byFile = new TreeMap<>(Comparator.comparingLong(FileKey::chunkStartSec)
            .thenComparing(FileKey::account).thenComparing(FileKey::kind));
        for (Rec r : recs) {
            if (r.timeMs() >= opt.end().toEpochMilli() || r.timeMs() < start.toEpochMilli()) {
                continue;
            }
            long sec = r.timeMs() / 1000;
            long chunk = sec >= attackStart.getEpochSecond()
                ? Math.max(sec - Math.floorMod(sec, 3600), attackStart.getEpochSecond())
                : Math.max(sec - Math.floorMod(sec, 86_400), start.getEpochSecond());
            byFile.computeIfAbsent(new FileKey(chunk, r.account(), r.kind()), x -> new ArrayList<>()).add(r);
        }
        List<String> files = new ArrayList<>();
        boolean v5Written = false;
        for (Map.Entry<FileKey, List<Rec>> e : byFile.entrySet()) {
            FileKey key = e.getKey();
            List<Rec> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparingLong(Rec::timeMs).thenComparingLong(Rec::seq));
            boolean v5 = false;
            if (key.kind() == Kind.FLOW && !v5Written && key.account().equals(Company.MEMBER_ACCOUNT)) {
                v5 = true;
                v5Written = true;
            }
            String rel = relativePath(key, v5);
            byte[] body = render(key.kind(), list, v5);
            Path file = out.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, opt.gzip() ? gzip(body) : body);
            files.add(rel);
            for (Rec r : list) {
                if (r.scenario() != null) {
                    List<String> fs = filesByScenario.computeIfAbsent(r.scenario(), x -> new ArrayList<>());
                    if (!fs.contains(rel)) {
                        fs.add(rel);
                    }
                }
            }
        }
        return files;
    }

    private String relativePath(FileKey key, boolean v5) {
        Instant t = Instant.ofEpochSecond(key.chunkStartSec());
        String stamp = FILE_TIME.format(t);
        String day = DAY_PATH.format(t);
        String acct = key.account();
        String vpc = co.vpcOf(acct);
        String hash = String.format("%08x", (acct + key.kind() + key.chunkStartSec() + opt.seed()).hashCode());
        String gz = opt.gzip() ? ".gz" : "";
        return switch (key.kind()) {
            case FLOW -> "AWSLogs/" + acct + "/vpcflowlogs/" + Company.REGION + "/" + day + "/" + acct + "_vpcflowlogs_"
                + Company.REGION + "_fl-" + vpc.substring(4) + "_" + stamp + "_" + hash + (v5 ? "_v5" : "") + ".log" + gz;
            case DNS -> "AWSLogs/" + acct + "/vpcdnsquerylogs/" + vpc + "/" + day + "/" + acct + "_vpcdnsquerylogs_"
                + vpc + "_" + stamp + "_" + hash + ".log" + gz;
            case CLOUDTRAIL -> "AWSLogs/" + acct + "/CloudTrail/" + Company.REGION + "/" + day + "/" + acct
                + "_CloudTrail_" + Company.REGION + "_" + stamp + "_" + hash + ".json" + gz;
        };
    }

    private byte[] render(Kind kind, List<Rec> list, boolean v5) throws JsonProcessingException {
        StringBuilder b = new StringBuilder();
        switch (kind) {
            case FLOW -> {
                b.append(v5 ? Simulator.V5_CUSTOM_HEADER : Simulator.V2_HEADER).append('\n');
                for (Rec r : list) {
                    b.append(v5 ? v5Line((Flow) r.payload()) : v2Line((Flow) r.payload())).append('\n');
                }
            }
            case DNS -> {
                for (Rec r : list) {
                    b.append(json.writeValueAsString(r.payload())).append('\n');
                }
            }
            case CLOUDTRAIL -> {
                List<Object> records = list.stream().map(Rec::payload).toList();
                b.append(json.writeValueAsString(ordered("Records", records))).append('\n');
            }
            default -> throw new IllegalStateException();
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A flow log line in {@link Simulator#V2_HEADER} order (default fields, then the instance). */
    static String v2Line(Flow f) {
        return String.join(" ", "3", f.eni().account(), f.eni().eni(), f.src(), f.dst(), String.valueOf(f.srcPort()),
            String.valueOf(f.dstPort()), String.valueOf(f.protocol()), String.valueOf(f.packets()),
            String.valueOf(f.bytes()), String.valueOf(f.startSec()), String.valueOf(f.endSec()), f.action(), "OK",
            f.eni().instanceId());
    }

    /** A flow log line in {@link Simulator#V5_CUSTOM_HEADER} order. */
    static String v5Line(Flow f) {
        Instance i = f.eni();
        boolean external = !f.src().startsWith("10.") && !f.src().startsWith("172.31.")
            || !f.dst().startsWith("10.") && !f.dst().startsWith("172.31.");
        String trafficPath = f.ingress() ? "-" : external ? "8" : "1";
        return String.join(" ", i.account(), f.action(), "use1-az1", String.valueOf(f.bytes()), f.dst(),
            String.valueOf(f.dstPort()), String.valueOf(f.endSec()), f.ingress() ? "ingress" : "egress",
            i.instanceId(), i.eni(), "OK", String.valueOf(f.packets()), "-", f.dst(), "-", f.src(),
            String.valueOf(f.protocol()), Company.REGION, f.src(), String.valueOf(f.srcPort()),
            String.valueOf(f.startSec()), "-", "-", i.subnetId(), String.valueOf(f.tcpFlags()), trafficPath, "IPv4",
            "5", i.vpcId());
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4 + 64);
        try (OutputStream z = new GZIPOutputStream(bytes)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
