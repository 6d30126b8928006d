package dev.vigil.detector.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class CommitPacingTest {

    private final AtomicBoolean behind = new AtomicBoolean();
    private final ThreadLocal<long[]> lastAsked = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE / 2});

    @Test
    void everySubTopologyGetsAPacerUnderItsSources() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(List.of("logs-a"), Consumed.with(Serdes.String(), Serdes.String()).withName("a-in"))
                .merge(b.stream("logs-b", Consumed.with(Serdes.String(), Serdes.String()).withName("b-in")))
                .repartition(Repartitioned.<String, String>as("by-account"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Topology t = b.build();

        List<String> paced = CommitPacing.install(t, behind::get, Duration.ofMillis(200));

        assertThat(paced).containsExactlyInAnyOrder("a-in", "b-in", "by-account-repartition-source");
        List<TopologyDescription.Subtopology> subs = List.copyOf(t.describe().subtopologies());
        assertThat(subs).hasSize(2).allSatisfy(s -> assertThat(s.nodes())
                .anySatisfy(n -> assertThat(n.name()).startsWith(CommitPacing.NODE_PREFIX)));
        TopologyDescription.Node pacer = subs.stream().flatMap(s -> s.nodes().stream())
                .filter(n -> n.name().equals(CommitPacing.NODE_PREFIX + "a-in")).findFirst().orElseThrow();
        assertThat(pacer.predecessors()).extracting(TopologyDescription.Node::name).containsExactly("a-in");
        assertThat(pacer.successors()).isEmpty();
    }

    @Test
    void aCaughtUpTaskAsksForACommitOncePerInterval() {
        MockProcessorContext<Void, Void> ctx = new MockProcessorContext<>();
        CommitPacing.Pacer p = pacer(ctx);
        ctx.setCurrentSystemTimeMs(10_000);

        p.process(record());
        assertThat(ctx.committed()).isTrue();

        ctx.resetCommit();
        ctx.setCurrentSystemTimeMs(10_199);
        p.process(record());
        assertThat(ctx.committed()).isFalse();

        ctx.setCurrentSystemTimeMs(10_200);
        p.process(record());
        assertThat(ctx.committed()).isTrue();
    }

    @Test
    void aTaskBehindItsInputLeavesCommitsToTheCommitInterval() {
        MockProcessorContext<Void, Void> ctx = new MockProcessorContext<>();
        CommitPacing.Pacer p = pacer(ctx);
        behind.set(true);

        for (long now = 0; now < 5_000; now += 100) {
            ctx.setCurrentSystemTimeMs(now);
            p.process(record());
        }
        assertThat(ctx.committed()).isFalse();

        behind.set(false); // caught up: the next record asks at once
        ctx.setCurrentSystemTimeMs(5_000);
        p.process(record());
        assertThat(ctx.committed()).isTrue();
    }

    @Test
    void tasksOfOneThreadShareTheInterval() {
        // one request commits all of the thread's tasks (exactly-once v2), so a second task does not ask again
        MockProcessorContext<Void, Void> first = new MockProcessorContext<>();
        MockProcessorContext<Void, Void> second = new MockProcessorContext<>();
        CommitPacing.Pacer a = pacer(first);
        CommitPacing.Pacer b = pacer(second);
        first.setCurrentSystemTimeMs(1_000);
        second.setCurrentSystemTimeMs(1_050);

        a.process(record());
        b.process(record());

        assertThat(first.committed()).isTrue();
        assertThat(second.committed()).isFalse();
    }

    private CommitPacing.Pacer pacer(MockProcessorContext<Void, Void> ctx) {
        CommitPacing.Pacer p = new CommitPacing.Pacer(behind::get, 200, lastAsked);
        p.init(ctx);
        return p;
    }

    private static Record<Object, Object> record() {
        return new Record<>("111111111111/eni-1", "{}", 0L);
    }
}
