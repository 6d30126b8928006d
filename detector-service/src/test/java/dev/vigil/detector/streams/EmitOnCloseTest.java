package dev.vigil.detector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.rules.Observation;
import dev.vigil.detector.rules.WindowAgg;
import dev.vigil.events.JsonSerde;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EmitOnClose} alone, with Kafka's {@code MockProcessorContext} and a real in-memory key-value store: each
 * window is emitted once, when the stream time seen passes its end plus the grace period (5 minutes here), including
 * an update that arrives after a later window already moved the stream time on.
 */
class EmitOnCloseTest {

    private static final long MIN = 60_000;
    private MockProcessorContext<Windowed<String>, WindowAgg> context;
    private EmitOnClose processor;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        KeyValueStore<String, WindowAgg> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("buffer"),
                Serdes.String(), new JsonSerde<>(WindowAgg.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        processor = new EmitOnClose("buffer", Duration.ofMinutes(5));
        processor.init(context);
    }

    /** An update of the 10-minute window starting at {@code startMin} for {@code key}, with {@code count} records. */
    private void update(String key, long startMin, long count, long timestampMin) {
        WindowAgg agg = new WindowAgg();
        for (int i = 0; i < count; i++) {
            agg.add(new Observation("PORTSCAN", "1", "r", "d", key, "p" + i, 1, 1, timestampMin * MIN, null, null, null));
        }
        processor.process(new Record<>(new Windowed<>(key, new TimeWindow(startMin * MIN, (startMin + 10) * MIN)), agg,
                timestampMin * MIN));
    }

    private List<String> emitted() {
        List<String> out = context.forwarded().stream()
                .map(f -> f.record().key().key() + "@" + f.record().key().window().start() / MIN + "="
                        + f.record().value().count)
                .toList();
        context.resetForwards();
        return out;
    }

    @Test
    void aWindowIsEmittedOnceWithItsLastAggregateWhenStreamTimePassesEndPlusGrace() {
        update("a", 0, 1, 1);
        update("a", 0, 2, 9);
        update("b", 10, 1, 14); // stream time 14 min: window [0, 10) closes at 15
        assertThat(emitted()).isEmpty();
        update("b", 10, 2, 15);
        assertThat(emitted()).containsExactly("a@0=2");
        update("b", 10, 3, 19);
        update("c", 30, 1, 40); // closes [10, 20) (at 25)
        assertThat(emitted()).containsExactly("b@10=3");
        update("c", 30, 2, 44);
        assertThat(emitted()).isEmpty();
    }

    @Test
    void ticksAdvanceTimeButAreNeverBufferedOrEmitted() {
        update("a", 0, 1, 1);
        processor.process(new Record<>(new Windowed<>(IdleFlush.TICK_PREFIX + "0", new TimeWindow(20 * MIN, 30 * MIN)),
                new WindowAgg(), 20 * MIN));
        assertThat(emitted()).containsExactly("a@0=1");
    }

    @Test
    void anUpdateOfAWindowThatClosedMeanwhileIsEmittedAtOnce() {
        update("a", 0, 1, 1);
        update("b", 30, 1, 40); // closes [0, 10)
        assertThat(emitted()).containsExactly("a@0=1");
        // a cache flush can forward an older window's update after a later one: it is already closed
        update("c", 10, 4, 12);
        assertThat(emitted()).containsExactly("c@10=4");
        update("b", 30, 2, 41);
        assertThat(emitted()).isEmpty();
    }
}
