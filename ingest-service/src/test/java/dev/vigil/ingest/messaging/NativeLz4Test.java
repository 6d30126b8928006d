package dev.vigil.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

/**
 * Under Quarkus' class loader, lz4-java's {@code fastestInstance()} (what Kafka's lz4 codec asks for) is the JNI
 * codec once the application has started, and it round-trips data.
 */
@QuarkusTest
class NativeLz4Test {

    @Inject
    NativeLz4 nativeLz4;

    @Test
    void kafkaGetsTheJniCodecAfterStartUp() {
        assertThat(nativeLz4.loaded()).isTrue();
        assertThat(LZ4Factory.fastestInstance()).isSameAs(LZ4Factory.nativeInstance());
        assertThat(XXHashFactory.fastestInstance()).isSameAs(XXHashFactory.nativeInstance());
        byte[] data = "srcaddr=10.0.0.1 dstaddr=10.0.0.2 ".repeat(200).getBytes();
        byte[] packed = LZ4Factory.fastestInstance().fastCompressor().compress(data);
        assertThat(packed.length).isLessThan(data.length / 4);
        assertThat(LZ4Factory.fastestInstance().fastDecompressor().decompress(packed, data.length)).isEqualTo(data);
    }
}
