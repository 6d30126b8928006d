package dev.vigil.findings.messaging;

import dev.vigil.events.AccountState;
import dev.vigil.findings.repository.AccountRepository;
import dev.vigil.findings.repository.Db;
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

    public AccountStateConsumer(Db db) {
        this.db = db;
    }

    /** Applies one state record (channel {@code accounts-state-in}). */
    @Incoming("accounts-state-in")
    @Blocking
    public void consume(Record<String, AccountState> record) {
        String account = record.key() != null ? record.key()
                : record.value() != null ? record.value().accountId() : null;
        if (account == null) {
            throw new IllegalArgumentException("account state record without key or accountId");
        }
        boolean applied = db.tx(c -> AccountRepository.apply(c, account, record.value()));
        Log.debugf("account state %s %s", account, applied ? "applied" : "ignored (older version)");
    }
}
