package dev.vigil.accounts.service;

import dev.vigil.accounts.config.VigilConfig;
import dev.vigil.accounts.lists.ListFetcher;
import dev.vigil.accounts.lists.ListParser;
import dev.vigil.accounts.model.ThreatList;
import dev.vigil.accounts.repository.MembershipRepository;
import dev.vigil.accounts.repository.ThreatListEntity;
import dev.vigil.accounts.repository.ThreatListRepository;
import dev.vigil.events.Json;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.tags.Tags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Trusted IP lists (IPSet, kind {@code IPSET}), threat lists (ThreatIntelSet, kind {@code THREAT}) and the entity
 * sets of 2025 (kinds {@code TRUSTED_ENTITY}, {@code THREAT_ENTITY}; see {@link ListKind}) with GuardDuty's
 * status machine and limits (GuardDuty quotas: 1 IPSet and 6 ThreatIntelSets per account per region; 2,000 entries
 * per trusted list, 250,000 per threat list, 35 MB per file). A list is ACTIVATING while {@code activate} is true and
 * its content is not loaded, ACTIVE once loaded, INACTIVE when not activated, ERROR (with a reason) when its content
 * cannot be fetched or exceeds a limit. Content comes from an {@code http(s)://} {@code location} or, for a location
 * starting with {@code vigil://upload}, from an upload. Members cannot manage lists; the administrator's apply to them.
 */
@ApplicationScoped
public class ListService {

    /** Kind of IPSets. */
    public static final String IPSET = "IPSET";
    /** Kind of ThreatIntelSets. */
    public static final String THREAT = "THREAT";
    /** Location prefix of lists whose content is uploaded. */
    public static final String UPLOAD_PREFIX = "vigil://upload";

    private final ThreatListRepository lists;
    private final MembershipRepository memberships;
    private final DetectorService detectors;
    private final Memberships members;
    private final ListFetcher fetcher;
    private final VigilConfig config;
    private final ListFetches fetches;
    private final StateChanges changes;

    public ListService(ThreatListRepository lists, MembershipRepository memberships, DetectorService detectors, Memberships members,
            ListFetcher fetcher, VigilConfig config, ListFetches fetches, StateChanges changes) {
        this.lists = lists;
        this.memberships = memberships;
        this.detectors = detectors;
        this.members = members;
        this.fetcher = fetcher;
        this.config = config;
        this.fetches = fetches;
        this.changes = changes;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String label(String kind) {
        return ListKind.of(kind).label();
    }

    private static GuardDutyException missing(String kind) {
        return GuardDutyException.badRequest("The request is rejected because the input " + ListKind.of(kind).idMember()
                + " is not owned by the current account.");
    }

    private void checkLocation(String location) {
        if (location == null || location.isEmpty() || location.length() > 300) {
            throw GuardDutyException.badRequest("location must be 1 to 300 characters.");
        }
        if (!location.startsWith("http://") && !location.startsWith("https://") && !location.startsWith(UPLOAD_PREFIX)) {
            throw GuardDutyException.badRequest("location must be an http(s):// URL or start with " + UPLOAD_PREFIX + ".");
        }
        String refused = location.startsWith(UPLOAD_PREFIX) ? null : fetcher.checkLocation(location);
        if (refused != null) {
            throw GuardDutyException.badRequest("The request is rejected because the location is refused: " + refused + ".");
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 300) {
            throw GuardDutyException.badRequest("name must be 1 to 300 characters.");
        }
    }

    /** The accounts whose effective lists include {@code owner}'s in {@code region}: itself and its Enabled members. */
    Uni<Affected> listAudience(String owner, String region) {
        return memberships.members(owner, region).map(ms -> {
            Affected a = Affected.state(owner);
            a.lists().add(owner);
            ms.stream().filter(m -> "Enabled".equals(m.relationshipStatus)).forEach(m -> a.lists().add(m.memberAccountId));
            return a;
        });
    }

    /**
     * CreateIPSet / CreateThreatIntelSet; a list with a remote location is ACTIVATING and fetched in the background
     * ({@link ListFetches}; its owner's and members' lists are published once it is stored).
     *
     * @return the list ID
     * @throws GuardDutyException 400 for invalid input, a member caller, or the per-region limit reached; 429 when the
     *         account's fetches are all running
     */
    public Uni<String> create(String account, String region, String detectorId, String kind, ThreatList.Settings req) {
        if (req == null) {
            throw GuardDutyException.badRequest("The request body is required.");
        }
        checkName(req.name());
        Enums.require("format", req.format(), Enums.LIST_FORMATS);
        checkLocation(req.location());
        if (req.activate() == null) {
            throw GuardDutyException.badRequest("activate is required.");
        }
        Map<String, String> tags = Tags.forCreate(req.tags());
        int max = ListKind.of(kind).maxLists(config.lists());
        ListFetches.Slot slot = req.location().startsWith(UPLOAD_PREFIX) ? null : fetches.reserve(account);
        return changes.commit(() -> detectors.require(account, region, detectorId)
                .chain(d -> members.requireNotMember(account, region, "manage " + label(kind) + "s"))
                .chain(x -> lists.ofKind(account, region, kind))
                .chain(existing -> {
                    if (existing.size() >= max) {
                        throw GuardDutyException.badRequest("The request is rejected because the limit of " + max + " " + label(kind)
                                + "s per account and region has been reached.");
                    }
                    ThreatListEntity l = new ThreatListEntity();
                    l.listId = UUID.randomUUID().toString().replace("-", "");
                    l.accountId = account;
                    l.region = region;
                    l.detectorId = detectorId;
                    l.kind = kind;
                    l.name = req.name();
                    l.format = req.format();
                    l.location = req.location();
                    l.activate = req.activate();
                    l.expectedBucketOwner = req.expectedBucketOwner();
                    l.status = req.activate() ? "ACTIVATING" : "INACTIVE";
                    l.tags = Json.write(tags);
                    l.createdAt = now();
                    l.updatedAt = l.createdAt;
                    return lists.persist(l);
                }).map(l -> Affected.none().with(l)))
                .invoke(l -> inBackground(slot, account, region, kind, l.listId, l.location))
                .onFailure().invoke(e -> release(slot)).map(l -> l.listId);
    }

    /** The list or a 400 exactly like a missing one (also for another account's or region's). */
    Uni<ThreatListEntity> require(String account, String region, String detectorId, String kind, String listId) {
        return detectors.require(account, region, detectorId).chain(d -> lists.owned(account, region, kind, listId))
                .map(l -> {
                    if (l == null || !l.detectorId.equals(detectorId)) {
                        throw missing(kind);
                    }
                    return l;
                });
    }

    /** GetIPSet / GetThreatIntelSet. */
    @WithSession
    public Uni<ThreatList> get(String account, String region, String detectorId, String kind, String listId) {
        return require(account, region, detectorId, kind, listId).map(l -> {
            List<String> bad = l.badEntries == null || l.badEntries.isEmpty() ? null : List.of(l.badEntries.split("\n"));
            return new ThreatList(l.listId, l.name, l.format, l.location, l.status, DetectorService.readMap(l.tags),
                    l.errorReason, l.cidrs == null ? null : l.entryCount,
                    bad == null ? null : bad.subList(0, Math.min(100, bad.size())), l.expectedBucketOwner, l.createdAt, l.updatedAt);
        });
    }

    /** ListIPSets / ListThreatIntelSets. */
    @WithSession
    public Uni<List<String>> list(String account, String region, String detectorId, String kind) {
        return detectors.require(account, region, detectorId).chain(d -> lists.ofKind(account, region, kind))
                .map(l -> l.stream().map(x -> x.listId).toList());
    }

    /**
     * UpdateIPSet / UpdateThreatIntelSet: a new location drops the loaded content and is fetched again;
     * {@code activate} false makes the list INACTIVE, true ACTIVE once content is loaded. The lists of the owner and
     * its members are published once, after the last commit.
     */
    public Uni<Void> update(String account, String region, String detectorId, String kind, String listId, ThreatList.Settings req) {
        if (req == null) {
            throw GuardDutyException.badRequest("The request body is required.");
        }
        if (req.name() != null) {
            checkName(req.name());
        }
        if (req.location() != null) {
            checkLocation(req.location());
        }
        ListFetches.Slot[] slot = {null};
        return changes.commit(() -> members.requireNotMember(account, region, "manage " + label(kind) + "s")
                .chain(x -> require(account, region, detectorId, kind, listId)).map(l -> {
                    boolean refetch = false;
                    if (req.name() != null) {
                        l.name = req.name();
                    }
                    if (req.location() != null && !req.location().equals(l.location)) {
                        l.location = req.location();
                        l.cidrs = null;
                        l.domains = null;
                        l.badEntries = null;
                        l.entryCount = 0;
                        l.errorReason = null;
                        refetch = true;
                    }
                    if (req.activate() != null) {
                        l.activate = req.activate();
                    }
                    if (req.expectedBucketOwner() != null) {
                        l.expectedBucketOwner = req.expectedBucketOwner();
                    }
                    if (l.errorReason == null) {
                        l.status = !l.activate ? "INACTIVE" : l.cidrs != null ? "ACTIVE" : "ACTIVATING";
                    }
                    if (l.activate && l.cidrs == null && l.errorReason == null && !l.location.startsWith(UPLOAD_PREFIX)) {
                        refetch = true;
                    }
                    l.updatedAt = now();
                    if (refetch && !l.location.startsWith(UPLOAD_PREFIX)) {
                        slot[0] = fetches.reserve(account); // 429 rolls this change back
                        return l.location;
                    }
                    return null;
                })
                // without a fetch to follow, this commit is the last one: publish the audience after it
                .chain(location -> location != null ? Uni.createFrom().item(Affected.none().with(location))
                        : listAudience(account, region).map(a -> a.<String>with(null))))
                .invoke(location -> inBackground(slot[0], account, region, kind, listId, location))
                .onFailure().invoke(e -> release(slot[0])).replaceWithVoid();
    }

    private static void release(ListFetches.Slot slot) {
        if (slot != null) {
            slot.release();
        }
    }

    /** Starts the fetch of {@code location} after the request (the slot reserved for it is released at its end). */
    private void inBackground(ListFetches.Slot slot, String account, String region, String kind, String listId, String location) {
        if (slot != null && location != null && !location.startsWith(UPLOAD_PREFIX)) {
            slot.runInBackground(() -> fetchAndStore(account, region, kind, listId, location));
        } else {
            release(slot);
        }
    }

    /** DeleteIPSet / DeleteThreatIntelSet; the lists of the owner and its members are published. */
    public Uni<Void> delete(String account, String region, String detectorId, String kind, String listId) {
        return changes.commit(() -> members.requireNotMember(account, region, "manage " + label(kind) + "s")
                .chain(x -> require(account, region, detectorId, kind, listId))
                .chain(l -> lists.delete(l)).chain(x -> listAudience(account, region)).map(Affected::result));
    }

    /**
     * Fetches a remote location on a worker thread, stores the outcome (content, or ERROR with the reason) and
     * publishes the lists of the owner and its members. Does nothing for upload locations.
     */
    Uni<Void> fetchAndStore(String account, String region, String kind, String listId, String location) {
        if (location == null || location.startsWith(UPLOAD_PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        return fetches.onFetchPool(() -> {
            try {
                return new Fetched(fetcher.fetch(location), null);
            } catch (ListFetcher.ListFetchException e) {
                return new Fetched(null, e.getMessage());
            }
        }).chain(f -> changes.commit(() -> store(account, region, kind, listId, f.content(), f.error()).map(Affected::result)));
    }

    private record Fetched(byte[] content, String error) {
    }

    /**
     * Uploads the content of a {@code vigil://upload} list (Vigil extension) and publishes the lists of the owner and
     * its members.
     *
     * @throws GuardDutyException 400 if the list's location is not an upload location or the file is too large
     */
    public Uni<Void> upload(String account, String region, String detectorId, String kind, String listId, byte[] content) {
        if (content == null || content.length > config.lists().maxFileBytes()) {
            throw GuardDutyException.badRequest("The file must be at most " + config.lists().maxFileBytes() + " bytes.");
        }
        return checkUpload(account, region, detectorId, kind, listId)
                .chain(x -> changes.commit(() -> store(account, region, kind, listId, content, null).map(Affected::result)));
    }

    @WithSession
    Uni<Void> checkUpload(String account, String region, String detectorId, String kind, String listId) {
        return members.requireNotMember(account, region, "manage " + label(kind) + "s")
                .chain(x -> require(account, region, detectorId, kind, listId)).map(l -> {
                    if (!l.location.startsWith(UPLOAD_PREFIX)) {
                        throw GuardDutyException.badRequest("The content of this list comes from its location; set a location starting with "
                                + UPLOAD_PREFIX + " to upload it.");
                    }
                    return null;
                });
    }

    /** Parses and stores content (or an error) and returns the accounts whose effective lists changed (in a transaction). */
    private Uni<Affected> store(String account, String region, String kind, String listId, byte[] content, String error) {
        return lists.owned(account, region, kind, listId).chain(l -> {
            if (l == null) {
                return Uni.createFrom().item(Affected.none());
            }
            l.updatedAt = now();
            if (error != null) {
                fail(l, error);
            } else {
                ListParser.Result r = ListParser.parse(l.format, content, ListKind.of(kind).allowsDomains());
                int limit = ListKind.of(kind).maxEntries(config.lists());
                if (r.size() > limit) {
                    fail(l, "the list has " + r.size() + " entries; the limit is " + limit);
                } else {
                    l.cidrs = String.join("\n", r.cidrs());
                    l.domains = String.join("\n", r.domains());
                    l.badEntries = String.join("\n", r.bad());
                    l.entryCount = r.size();
                    l.errorReason = null;
                    l.status = l.activate ? "ACTIVE" : "INACTIVE";
                    Log.infof("%s %s of %s loaded: %d entries, %d rejected", label(kind), listId, account, r.size(), r.bad().size());
                }
            }
            return listAudience(account, region);
        });
    }

    private static void fail(ThreatListEntity l, String reason) {
        Log.infof("list %s of %s failed: %s", l.listId, l.accountId, reason);
        l.status = "ERROR";
        l.errorReason = reason;
        l.cidrs = null;
        l.domains = null;
        l.entryCount = 0;
    }
}
