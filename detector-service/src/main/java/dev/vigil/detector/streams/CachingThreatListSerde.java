package dev.vigil.detector.streams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.events.Json;
import dev.vigil.events.JsonSerde;
import dev.vigil.events.ThreatListState;
import java.io.IOException;

/**
 * The serde of {@code vigil.threat-lists.v1} for the detector's GlobalKTable. A GlobalKTable join deserialises the
 * stored value for every record joined, and one account's lists can hold 250,000 entries; this deserialiser reads
 * only the leading {@code accountId} and {@code version} members and returns the already-parsed state when it has
 * seen that version (of that size) before. {@link ThreatListState#version()} increases with every change (contract),
 * so a version names one content.
 */
public final class CachingThreatListSerde extends JsonSerde<ThreatListState> {

    private static final int CACHE_SIZE = 4096;
    private static final ParsedValueCache<String, ThreatListState> CACHE = new ParsedValueCache<>(CACHE_SIZE);

    /** Creates the serde. */
    public CachingThreatListSerde() {
        super(ThreatListState.class);
    }

    @Override
    public ThreatListState deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        String key = headerKey(data);
        if (key != null) {
            ThreatListState cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ThreatListState state = super.deserialize(topic, data);
        if (key != null) {
            CACHE.put(key, state);
        }
        return state;
    }

    /** {@code accountId|version|size} from the leading members, or {@code null} when they do not come first. */
    private static String headerKey(byte[] data) {
        String account = null;
        Long version = null;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME && (account == null || version == null)) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                    return null; // the lists come before the header: no cheap key
                }
                if ("accountId".equals(field)) {
                    account = p.getText();
                } else if ("version".equals(field)) {
                    version = p.getLongValue();
                }
            }
        } catch (IOException e) {
            return null; // the full parse reports the error
        }
        return account == null || version == null ? null : account + "|" + version + "|" + data.length;
    }
}
