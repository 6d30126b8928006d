package dev.vigil.detector.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.FlowLogRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Learning an interface's own address from its flow records ({@link OwnAddress}). */
class OwnAddressTest {

    private static FlowLogRecord flow(String src, String dst, String direction, String pktSrc) {
        return new FlowLogRecord(1, "e", "111111111111", "us-east-1", 5, "111111111111", "eni-1", src, dst, 40000,
                22, 6, 10L, 600L, 0L, 60L, "ACCEPT", "OK", "vpc-1", "subnet-1", null, null, null, pktSrc, null, null,
                null, null, null, null, direction, null, null, null, null, null);
    }

    private static FlowLogRecord flow(String src, String dst) {
        return flow(src, dst, null, null);
    }

    @Test
    void theAddressInEveryRecordIsTheInterfaces() {
        OwnAddress s = OwnAddress.NONE.learn(flow("10.0.2.99", "10.0.1.11"));
        assertThat(s.own()).as("one record: either side may be the interface's").isEmpty();
        assertThat(s.directed(flow("10.0.2.99", "10.0.1.11")).flowDirection()).isNull();
        s = s.learn(flow("10.0.1.11", "203.0.113.5"));
        assertThat(s.own()).containsExactly("10.0.1.11");
        assertThat(s.directed(flow("10.0.2.99", "10.0.1.11")).flowDirection()).isEqualTo("ingress");
        assertThat(s.directed(flow("10.0.1.11", "10.0.2.99")).flowDirection()).isEqualTo("egress");
        assertThat(s.learn(flow("198.51.100.1", "10.0.1.11"))).as("known: unchanged").isSameAs(s);
    }

    @Test
    void aSecondAddressIsLearnedBesideTheFirst() {
        OwnAddress s = OwnAddress.NONE.learn(flow("10.0.1.11", "203.0.113.5")).learn(flow("10.0.1.11", "203.0.113.6"));
        s = s.learn(flow("2001:db8::11", "2001:db8:ffff::1")).learn(flow("2001:db8:ffff::2", "2001:db8::11"));
        assertThat(s.own()).containsExactly("10.0.1.11", "2001:db8::11");
    }

    @Test
    void flowDirectionAndPacketAddressesAreEvidenceAtOnce() {
        assertThat(OwnAddress.NONE.learn(flow("10.0.2.99", "10.0.1.11", "ingress", null)).own())
                .containsExactly("10.0.1.11");
        assertThat(OwnAddress.NONE.learn(flow("10.0.1.20", "203.0.113.5", null, "10.0.3.7")).own())
                .as("a NAT gateway's record: the packet came from 10.0.3.7").containsExactly("10.0.1.20");
        assertThat(OwnAddress.NONE.learn(flow("10.0.1.20", "203.0.113.5", null, "10.0.1.20")).own()).isEmpty();
        FlowLogRecord logged = flow("10.0.1.11", "10.0.2.99", "ingress", null);
        assertThat(new OwnAddress(List.of("10.0.1.11"), null, null).directed(logged))
                .as("the log's own flow-direction is kept").isSameAs(logged);
    }

    @Test
    void aRecordWithoutAddressesChangesNothingAndIsPassedOnAsLogged() {
        OwnAddress s = OwnAddress.NONE.learn(flow("10.0.1.11", "203.0.113.5")).learn(flow("10.0.1.11", "203.0.113.6"));
        FlowLogRecord nodata = flow(null, null);
        assertThat(s.learn(nodata)).isSameAs(s);
        assertThat(s.directed(nodata)).isSameAs(nodata);
        assertThat(s.directed(flow("10.0.1.11", null)).flowDirection()).isNull();
    }
}
