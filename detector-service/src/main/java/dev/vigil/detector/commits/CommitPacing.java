package dev.vigil.detector.commits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Commits as often as latency needs while the detector keeps up, and as seldom as throughput wants while it works
 * through a backlog (issue 26). Every exactly-once commit ends a transaction: read_committed readers (the repartitioned
 * stages, findings-service) see a task's output only then, so the commit interval bounds each hop's delay; but each
 * commit also writes every cached store's changed values and the transaction's markers, a cost per commit that a
 * backlog pays five times a second at 200 ms for no one's benefit (its records are late anyway).
 *
 * <p>{@code kafka-streams.commit.interval.ms} is the interval while behind. {@link #install} adds to every source node
 * of the topology (the log topics and each repartition topic, so every sub-topology) a child that, on a record, asks
 * its task to commit ({@link ProcessorContext#commit()}) when the {@code behind} signal ({@link BacklogSignal}) is
 * off and the stream thread asked no earlier than {@code every} ago. Kafka Streams honours the request after the
 * current record batch, and under exactly-once v2 commits all of the thread's tasks in one transaction, so one request
 * per thread and interval is enough. The child forwards nothing.
 */
public final class CommitPacing {

    /** The prefix of the added processors' names. */
    static final String NODE_PREFIX = "commit-pacing-";

    private CommitPacing() {
    }

    /**
     * Adds a pacing child to every source node of {@code topology} (built, not yet running).
     *
     * @param behind whether the detector is behind its input (then nothing is asked)
     * @param every  the least time between two requests of one stream thread
     * @return the names of the source nodes paced
     */
    public static List<String> install(Topology topology, BooleanSupplier behind, Duration every) {
        List<String> sources = new ArrayList<>();
        for (TopologyDescription.Subtopology s : topology.describe().subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                if (n instanceof TopologyDescription.Source) {
                    sources.add(n.name());
                }
            }
        }
        ThreadLocal<long[]> lastAsked = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE / 2});
        long everyMs = every.toMillis();
        for (String source : sources) {
            topology.addProcessor(NODE_PREFIX + source, () -> new Pacer(behind, everyMs, lastAsked), source);
        }
        return sources;
    }

    /** The child of one source node in one task. */
    static final class Pacer implements Processor<Object, Object, Void, Void> {

        private final BooleanSupplier behind;
        private final long everyMs;
        private final ThreadLocal<long[]> lastAsked;
        private ProcessorContext<Void, Void> context;

        Pacer(BooleanSupplier behind, long everyMs, ThreadLocal<long[]> lastAsked) {
            this.behind = behind;
            this.everyMs = everyMs;
            this.lastAsked = lastAsked;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
        }

        @Override
        public void process(Record<Object, Object> record) {
            long now = context.currentSystemTimeMs();
            long[] last = lastAsked.get();
            if (now - last[0] >= everyMs && !behind.getAsBoolean()) {
                last[0] = now;
                context.commit();
            }
        }
    }
}
