package dev.vigil.detector.streams;

import dev.vigil.detector.interfaces.OwnAddress;
import dev.vigil.detector.streams.DetectorTopology.Analysed;
import dev.vigil.events.FlowLogRecord;
import io.quarkus.logging.Log;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Learns each network interface's own address ({@link OwnAddress}) from its flow records, keyed like the input topic
 * ({@code accountId/interface-id}, so on the interface's partition), and passes each record on with its
 * {@code flow-direction} set from what is learned. State: {@value #STORE}, per interface at most
 * {@value OwnAddress#MAX_OWN} addresses and two candidates (about 150 bytes), written only when they change.
 */
final class OwnAddressProcessor
        implements FixedKeyProcessor<String, Analysed<FlowLogRecord>, Analysed<FlowLogRecord>> {

    /** Store of the interfaces' addresses. */
    static final String STORE = "interface-addresses";

    private FixedKeyProcessorContext<String, Analysed<FlowLogRecord>> context;
    private KeyValueStore<String, OwnAddress> store;

    @Override
    public void init(FixedKeyProcessorContext<String, Analysed<FlowLogRecord>> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Analysed<FlowLogRecord>> record) {
        Analysed<FlowLogRecord> a = record.value();
        FlowLogRecord f = a.record();
        FlowLogRecord directed = f;
        try {
            OwnAddress before = store.get(record.key());
            OwnAddress after = (before == null ? OwnAddress.NONE : before).learn(f);
            if (!after.equals(before)) {
                store.put(record.key(), after);
            }
            directed = after.directed(f);
        } catch (RuntimeException e) {
            Log.warnf(e, "learning the own address of %s failed; record passed on as logged", record.key());
        }
        context.forward(directed == f ? record : record.withValue(new Analysed<>(directed, a.tenant())));
    }
}
