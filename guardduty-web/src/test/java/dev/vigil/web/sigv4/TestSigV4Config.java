package dev.vigil.web.sigv4;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A {@link SigV4Config} for unit tests and benchmarks: the given stack key and unknown-key wait, AWS's defaults. */
record TestSigV4Config(String key, Duration unknownKeyWait) implements SigV4Config {

    @Override
    public Optional<String> stackKey() {
        return Optional.of(key);
    }

    @Override
    public Set<String> services() {
        return Set.of("guardduty", "sts", "iam");
    }

    @Override
    public Optional<Set<String>> regions() {
        return Optional.empty();
    }

    @Override
    public Duration maxSkew() {
        return Duration.ofMinutes(15);
    }

    @Override
    public int maxBodyBytes() {
        return 1 << 20;
    }

    @Override
    public AccessKeys accessKeys() {
        return new AccessKeys() {
            @Override
            public boolean subscribe() {
                return false;
            }

            @Override
            public Duration poll() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration unknownKeyWait() {
                return unknownKeyWait;
            }
        };
    }
}
