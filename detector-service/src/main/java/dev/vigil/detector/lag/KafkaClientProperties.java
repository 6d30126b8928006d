package dev.vigil.detector.lag;

import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * The settings of the detector's own plain Kafka clients (besides Kafka Streams): every {@code kafka.*} property less
 * its prefix, which on the local stack is the bootstrap address and on Kubernetes also the SASL/TLS settings, so a
 * plain client connects wherever the Streams application does. {@code kafka-streams.*} properties are not included.
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    /** The {@code kafka.*} properties of {@code config}, prefix removed. */
    public static Properties from(Config config) {
        Properties p = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.") && !name.startsWith("kafka-streams.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> p.put(name.substring("kafka.".length()), v));
            }
        }
        return p;
    }
}
