package dev.vigil.ingest.messaging;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Makes Kafka's lz4 compression use lz4-java's JNI codec, as it does on a plain class path.
 *
 * <p>Kafka's {@code Lz4BlockOutputStream} asks {@link LZ4Factory#fastestInstance()} for a compressor per batch.
 * That method only tries the JNI codec when the library is already loaded or when lz4-java sits on the system class
 * loader; under Quarkus' class loader it is neither, so every batch was compressed by the pure-Java
 * {@code LZ4JavaSafeCompressor} (12 % of ingest-service's CPU in the JFR profile of BENCHMARKS.md). Loading the
 * native library once at start-up lets {@code fastestInstance()} pick it. Where the platform has no bundled library,
 * the Java codec stays in use and the start-up log says so; the bytes on the wire are the same lz4 frames either way.
 */
@ApplicationScoped
public class NativeLz4 {

    /** Whether the JNI codec was loaded. */
    private volatile boolean loaded;

    void onStart(@Observes StartupEvent event) {
        try {
            LZ4Factory.nativeInstance();
            XXHashFactory.nativeInstance();
            loaded = true;
            Log.infof("lz4: using lz4-java's JNI codec for Kafka compression (fastest instance: %s)",
                    LZ4Factory.fastestInstance());
        } catch (Throwable t) { // UnsatisfiedLinkError, or an unsupported platform
            Log.infof("lz4: JNI codec unavailable (%s); Kafka compresses with lz4-java's Java codec", t.toString());
        }
    }

    /** Whether Kafka's lz4 compression runs on the JNI codec. */
    public boolean loaded() {
        return loaded;
    }
}
