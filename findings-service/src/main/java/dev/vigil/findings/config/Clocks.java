package dev.vigil.findings.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock of the service's time-based rules (export intervals); tests substitute one that they can move on. */
@ApplicationScoped
public class Clocks {

    /** The UTC system clock. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
