package dev.vigil.findings.messaging;

import dev.vigil.events.AccountState;
import dev.vigil.events.KeyGuard;
import dev.vigil.events.Topics;
import dev.vigil.findings.repository.AccountRepository;
import dev.vigil.findings.repository.Db;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the local copy of {@code vigil.accounts.state.v1} (compacted, key = account ID, null value = tombstone):
 * detectors per region and administrator/member relationships. An older {@code version} than the one applied is
 * ignored.
 */
@ApplicationScoped
public class AccountStateConsumer {

    private final Db db;
    private final KeyGuard keys;

    public AccountStateConsumer(Db db, MeterRegistry registry) {
        this.db = db;
        this.keys = new KeyGuard(registry);
    }

    /**
     * Applies one state record (channel {@code accounts-state-in}). A record without a 12-digit account key, or whose
     * state names another account than its key, is dropped and counted ({@link KeyGuard}).
     */
    @Incoming("accounts-state-in")
    @Blocking
    public void consume(Record<String, AccountState> record) {
        String account = record.key();
        String named = record.value() != null ? record.value().accountId() : account; // a tombstone names its key
        if (!keys.accept(Topics.ACCOUNTS_STATE, account, named)) {
            return;
        }
        boolean applied = db.tx(c -> AccountRepository.apply(c, account, record.value()));
        Log.debugf("account state %s %s", account, applied ? "applied" : "ignored (older version)");
    }
}
