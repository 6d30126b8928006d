package dev.vigil.ingest.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.events.AccountState;
import dev.vigil.events.Json;
import dev.vigil.events.KeyGuard;
import dev.vigil.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The current state of every account, read from the compacted topic {@link Topics#ACCOUNTS_STATE} (channel
 * {@code accounts-state-in}). Every replica reads every partition from the beginning (a unique consumer group per
 * instance), so each one knows all accounts. A {@code null} value (tombstone) removes the account; a state older
 * than the one held ({@link AccountState#version()}) is ignored; a value that is not an {@link AccountState} is
 * logged, counted ({@code vigil_ingest_account_state_invalid_total}) and ignored, never taken for a tombstone; so is
 * a state that names another account than its key (also counted by {@link KeyGuard}).
 *
 * <p>Until it has read the topic up to its end as of start-up ({@link #caughtUp()}, {@link TopicCatchUp}) it knows
 * too little to judge a record: ingest then answers 503 with {@code Retry-After} and is not ready. Off with
 * {@code vigil.ingest.account-directory.catch-up=false} (module tests, whose channel is in memory).
 */
@ApplicationScoped
public class AccountDirectory {

    /** The incoming channel. */
    public static final String CHANNEL = "accounts-state-in";

    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();
    private final Counter invalid;
    private final KeyGuard keys;

    private final TopicCatchUp catchUp;

    /** Creates a directory that is caught up from the start (unit tests). */
    public AccountDirectory(MeterRegistry registry) {
        this(registry, null);
    }

    /** Creates the directory; {@code kafka} is the channel's client service, {@code null} for none. */
    AccountDirectory(MeterRegistry registry, KafkaClientService kafka) {
        this.catchUp = new TopicCatchUp(kafka, CHANNEL);
        this.keys = new KeyGuard(registry);
        this.invalid = Counter.builder("vigil.ingest.account.state.invalid")
                .description("account-state records that could not be read").register(registry);
    }

    /** The CDI constructor: waits for the topic when {@code vigil.ingest.account-directory.catch-up} is on. */
    @Inject
    AccountDirectory(MeterRegistry registry, KafkaClientService kafka, IngestConfig config) {
        this(registry, config.accountDirectory().catchUp() ? kafka : null);
    }

    void start(@Observes StartupEvent ev) {
        catchUp.start();
    }

    /** Whether the directory has read the state topic up to its end as of start-up (see the class comment). */
    public boolean caughtUp() {
        return catchUp.caughtUp();
    }

    /** Applies one record of the state topic: key = account ID, value = AccountState JSON or null. */
    @Incoming(CHANNEL)
    public void onState(Record<String, String> record) {
        String key = record.key();
        String value = record.value();
        if (key == null) {
            invalid.increment();
            Log.warnf("account state without a key ignored");
            return;
        }
        if (value == null) {
            accounts.remove(key);
            Log.debugf("account %s removed (tombstone)", key);
            return;
        }
        AccountState state;
        try {
            state = Json.read(value, AccountState.class);
        } catch (IllegalArgumentException e) {
            invalid.increment();
            Log.warnf("account state for key %s ignored: %s", key, e.getMessage());
            return;
        }
        if (!keys.accept(Topics.ACCOUNTS_STATE, key, state.accountId())) {
            invalid.increment();
            return;
        }
        accounts.merge(key, state, (old, neu) -> neu.version() >= old.version() ? neu : old);
    }

    /** Whether {@code accountId} has an enabled detector in {@code region}. */
    public boolean analyses(String accountId, String region) {
        AccountState s = accounts.get(accountId);
        return s != null && s.analyses(region);
    }

    /** Whether {@code accountId}'s enabled detector in {@code region} has feature {@code S3_DATA_EVENTS} on. */
    public boolean analysesS3DataEvents(String accountId, String region) {
        AccountState s = accounts.get(accountId);
        return s != null && s.analysesS3DataEvents(region);
    }

    /** Number of accounts known. */
    public int size() {
        return accounts.size();
    }
}
