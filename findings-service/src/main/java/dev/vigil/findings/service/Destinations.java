package dev.vigil.findings.service;

import dev.vigil.events.FindingEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Delivery of finding events to an account's publishing destinations (S3, WEBHOOK). */
@ApplicationScoped
public class Destinations {

    /** Delivers {@code event} to every destination of {@code accountId} in {@code region}; never throws. */
    public void deliver(String accountId, String region, FindingEvent event) {
        // publishing destinations arrive in a later slice
    }
}
