package dev.vigil.web.sigv4;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * SigV4 request authentication ({@code vigil.sigv4.*}, env {@code VIGIL_SIGV4_*}). Without a stack key every SigV4
 * request is refused as {@code UnrecognizedClientException}; bearer tokens work either way.
 */
@ConfigMapping(prefix = "vigil.sigv4")
public interface SigV4Config {

    /**
     * Base64 of the 32-byte AES key that seals session tokens ({@link SessionTokens}); the same on every service of
     * a stack. {@code ./vigil} generates one; on Kubernetes it comes from a Secret.
     */
    Optional<String> stackKey();

    /** The signing names (credential scope services) accepted: GuardDuty, STS and IAM (access keys). */
    @WithDefault("guardduty,sts,iam")
    Set<String> services();

    /** The regions accepted in a credential scope; unset: any region name. */
    Optional<Set<String>> regions();

    /** How far {@code X-Amz-Date} may be from the server's clock (AWS: 15 minutes). */
    @WithDefault("PT15M")
    Duration maxSkew();

    /** The largest signed body read to verify its hash, in bytes. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Long-lived access keys ({@code vigil.sigv4.access-keys.*}, package {@code dev.vigil.web.accesskeys}). */
    AccessKeys accessKeys();

    /** How this replica learns long-lived access keys. */
    interface AccessKeys {

        /** Whether to read topic {@code vigil.access-keys.v1} (off in module tests, which have no broker). */
        @WithDefault("true")
        boolean subscribe();

        /** The topic's poll interval: about how long a revocation takes to reach this replica. */
        @WithDefault("PT0.2S")
        Duration poll();

        /**
         * How long a request signed with a key this replica has never seen waits for the topic to bring it (a key
         * created a moment ago on another replica) before it is refused as unrecognized.
         */
        @WithDefault("PT3S")
        Duration unknownKeyWait();
    }
}
