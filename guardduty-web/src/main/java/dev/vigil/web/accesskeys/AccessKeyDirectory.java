package dev.vigil.web.accesskeys;

import dev.vigil.events.AccessKeyState;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's copy of every long-lived access key: the compacted topic {@code vigil.access-keys.v1} as
 * {@link AccessKeySubscriber} reads it (and, on accounts-service, each change it has just published, so the replica
 * that answered CreateAccessKey or UpdateAccessKey knows it at once). Lookups are in memory: no call to another
 * service on the request path. A newer {@link AccessKeyState#version()} replaces an older one, an older one is
 * ignored; a deletion (tombstone) is final, since access key IDs are random and never reused.
 */
@ApplicationScoped
@Unremovable
public class AccessKeyDirectory {

    /** What this replica knows of an access key ID. */
    public enum Status {
        /** It signs requests. */
        ACTIVE,
        /** Deactivated ({@code Inactive}) or deleted: refused. */
        REVOKED,
        /** Never seen: refused, unless the replica learns it shortly (it may have just been created). */
        UNKNOWN
    }

    /**
     * A lookup's answer.
     *
     * @param status what the replica knows
     * @param key    the key's state when {@link Status#ACTIVE}, else {@code null}
     */
    public record Lookup(Status status, AccessKeyState key) {
    }

    private static final AccessKeyState DELETED = new AccessKeyState(0, null, "Deleted", null, null, null, null, null,
            0, Long.MAX_VALUE);

    private final Map<String, AccessKeyState> keys = new ConcurrentHashMap<>();

    /**
     * Applies one record of the topic.
     *
     * @param accessKeyId the record's key
     * @param state       the key's state, or {@code null} when it was deleted
     */
    public void apply(String accessKeyId, AccessKeyState state) {
        if (accessKeyId == null) {
            return;
        }
        if (state == null) {
            keys.put(accessKeyId, DELETED);
            return;
        }
        if (!accessKeyId.equals(state.accessKeyId())) {
            throw new IllegalArgumentException("record key and accessKeyId differ");
        }
        keys.merge(accessKeyId, state, (old, now) -> now.version() >= old.version() ? now : old);
    }

    /** What this replica knows of {@code accessKeyId}. */
    public Lookup find(String accessKeyId) {
        AccessKeyState s = keys.get(accessKeyId);
        if (s == null) {
            return new Lookup(Status.UNKNOWN, null);
        }
        return s.active() ? new Lookup(Status.ACTIVE, s) : new Lookup(Status.REVOKED, null);
    }
}
