package dev.vigil.ingest.bench;

import dev.vigil.ingest.parse.CloudTrailParser;
import dev.vigil.ingest.parse.DnsLogParser;
import dev.vigil.ingest.parse.FlowLogParser;
import dev.vigil.ingest.parse.ParseContext;
import dev.vigil.ingest.parse.ParseSink;
import dev.vigil.ingest.parse.Pos;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parser throughput, records per second on one thread (= per core): each operation is one record of a
 * {@value #N}-record body. Not a test: run by hand (see ingest-service/BENCHMARKS.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class ParserBenchmark {

    static final int N = 10_000;
    static final ParseContext CTX = ParseContext.of("111111111111", "us-east-1", 1_800_000_000_000L);

    String flowV2;
    String flowV5;
    byte[] dns;
    byte[] cloudTrail;
    final FlowLogParser flowParser = new FlowLogParser();
    final DnsLogParser dnsParser = new DnsLogParser();
    final CloudTrailParser cloudTrailParser = new CloudTrailParser();

    /** Builds the bodies: varied addresses, ports and times so no two records are equal. */
    @Setup
    public void setUp() {
        flowV2 = BenchBodies.flowV2("111111111111", N);
        flowV5 = BenchBodies.flowV5("111111111111", N);
        dns = BenchBodies.dns("111111111111", N).getBytes(StandardCharsets.UTF_8);
        cloudTrail = BenchBodies.cloudTrail("111111111111", N).getBytes(StandardCharsets.UTF_8);
    }

    /** Counts into a blackhole; fails loudly if a generated record is rejected. */
    static final class Sink<T> implements ParseSink<T> {
        final Blackhole bh;
        int accepted;

        Sink(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void accept(T record, Pos pos, int sizeBytes) {
            bh.consume(record);
            accepted++;
        }

        @Override
        public void reject(Pos pos, String reason) {
            throw new IllegalStateException("benchmark input rejected at " + pos + ": " + reason);
        }

        @Override
        public void skip(Pos pos, String reason) {
            throw new IllegalStateException("benchmark input skipped at " + pos);
        }
    }

    /** VPC Flow Logs, default version-2 format without header. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int flowDefaultV2(Blackhole bh) {
        Sink<dev.vigil.events.FlowLogRecord> s = new Sink<>(bh);
        flowParser.parse(flowV2, CTX, s);
        return s.accepted;
    }

    /** VPC Flow Logs, custom version-5 format (29 fields) with a header. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int flowCustomV5(Blackhole bh) {
        Sink<dev.vigil.events.FlowLogRecord> s = new Sink<>(bh);
        flowParser.parse(flowV5, CTX, s);
        return s.accepted;
    }

    /** Route 53 Resolver query logs, JSON lines. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int dnsJsonLines(Blackhole bh) {
        Sink<dev.vigil.events.DnsLogRecord> s = new Sink<>(bh);
        dnsParser.parse(dns, CTX, s);
        return s.accepted;
    }

    /** CloudTrail log file ({"Records":[...]}). */
    @Benchmark
    @OperationsPerInvocation(N)
    public int cloudTrailRecords(Blackhole bh) {
        Sink<dev.vigil.events.CloudTrailRecord> s = new Sink<>(bh);
        cloudTrailParser.parse(cloudTrail, CTX, s);
        return s.accepted;
    }
}
