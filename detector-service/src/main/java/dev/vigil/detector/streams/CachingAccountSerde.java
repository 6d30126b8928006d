package dev.vigil.detector.streams;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.vigil.events.AccountState;
import dev.vigil.events.JsonSerde;
import java.util.Arrays;

/**
 * The serde of {@code vigil.accounts.state.v1} for the detector's GlobalKTable. A GlobalKTable join deserialises the
 * stored value for every record joined (measured: 4.4 % of the detector's CPU samples on the drain benchmark of issue
 * 26, a JSON parse of the account's state per log record); this deserialiser returns the already-parsed
 * {@link AccountState} (an immutable record) when it has seen the same bytes before. Bounded to {@value #CACHE_SIZE}
 * states; shared by the stream threads. The bytes are found by their FarmHash fingerprint and then compared whole:
 * Kafka's {@code Bytes} hashed them one byte at a time for every lookup, 3 % of the stream threads' CPU on the drain
 * benchmark (issue 26).
 */
public final class CachingAccountSerde extends JsonSerde<AccountState> {

    private static final int CACHE_SIZE = 4096;
    private static final ParsedValueCache<Content, AccountState> CACHE = new ParsedValueCache<>(CACHE_SIZE);
    private static final HashFunction FINGERPRINT = Hashing.farmHashFingerprint64();

    /** Serialised bytes as a cache key: equal when the bytes are, hashed once by their fingerprint. */
    private record Content(long fingerprint, byte[] data) {

        static Content of(byte[] data) {
            return new Content(FINGERPRINT.hashBytes(data).asLong(), data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && c.fingerprint == fingerprint && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(fingerprint);
        }

        @Override
        public String toString() {
            return "Content[" + data.length + " bytes, " + Long.toHexString(fingerprint) + "]";
        }
    }

    /** Creates the serde. */
    public CachingAccountSerde() {
        super(AccountState.class);
    }

    @Override
    public AccountState deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        Content key = Content.of(data);
        AccountState cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        AccountState state = super.deserialize(topic, data);
        CACHE.put(key, state);
        return state;
    }
}
