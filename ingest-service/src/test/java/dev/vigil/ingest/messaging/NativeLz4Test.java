package dev.vigil.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

/**
 * Under Quarkus' class loader, lz4-java's {@code fastestInstance()} (what Kafka's lz4 codec asks for) is the JNI
 * codec once the application has started, and it round-trips data. Runs where lz4-java bundles a library for the
 * platform (glibc Linux on amd64, aarch64, ppc64le, s390x, i386, ...); elsewhere production falls back to the Java
 * codec and this test is skipped.
 */
@QuarkusTest
class NativeLz4Test {

    @Inject
    NativeLz4 nativeLz4;

    @Test
    void kafkaGetsTheJniCodecAfterStartUp() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        String arch = System.getProperty("os.arch");
        String lib = "net/jpountz/util/" + (os.startsWith("linux") ? "linux" : os) + "/" + arch + "/liblz4-java.so";
        boolean musl = java.nio.file.Files.exists(java.nio.file.Path.of("/lib/ld-musl-x86_64.so.1"))
                || java.nio.file.Files.exists(java.nio.file.Path.of("/lib/ld-musl-aarch64.so.1"));
        assumeTrue(LZ4Factory.class.getClassLoader().getResource(lib) != null && !musl,
                "lz4-java bundles no JNI library for " + os + "/" + arch);
        assertThat(nativeLz4.loaded()).isTrue();
        assertThat(LZ4Factory.fastestInstance()).isSameAs(LZ4Factory.nativeInstance());
        assertThat(XXHashFactory.fastestInstance()).isSameAs(XXHashFactory.nativeInstance());
        byte[] data = "srcaddr=10.0.0.1 dstaddr=10.0.0.2 ".repeat(200).getBytes();
        byte[] packed = LZ4Factory.fastestInstance().fastCompressor().compress(data);
        assertThat(packed.length).isLessThan(data.length / 4);
        assertThat(LZ4Factory.fastestInstance().fastDecompressor().decompress(packed, data.length)).isEqualTo(data);
    }
}
