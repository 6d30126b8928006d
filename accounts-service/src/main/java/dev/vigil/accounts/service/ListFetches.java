package dev.vigil.accounts.service;

import dev.vigil.accounts.config.VigilConfig;
import dev.vigil.web.GuardDutyException;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * List fetches run in the background (issue 23, defect 5): the API answers at once with the list ACTIVATING, and the
 * fetch then makes it ACTIVE or ERROR, as GuardDuty's status machine allows. Each account may have at most
 * {@code vigil.lists.max-concurrent-fetches-per-account} fetches running (one more is 429
 * {@code TooManyRequestsException}, before anything is changed); fetches run on the service's own pool of
 * {@code vigil.lists.fetch-threads} threads, never on the request worker pool, and each ends within
 * {@code vigil.lists.fetch-timeout} (the egress client's overall deadline).
 */
@ApplicationScoped
public class ListFetches {

    private final int perAccount;
    private final Vertx vertx;
    private final WorkerExecutor pool;
    private final ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();

    public ListFetches(VigilConfig config, Vertx vertx) {
        this.perAccount = config.lists().maxConcurrentFetchesPerAccount();
        this.vertx = vertx;
        long maxSeconds = config.lists().fetchTimeout().toSeconds() + 30;
        this.pool = vertx.createSharedWorkerExecutor("vigil-list-fetches", config.lists().fetchThreads(), maxSeconds,
                TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        pool.closeAndForget();
    }

    /** Runs {@code blocking} (a fetch) on the fetch pool, back on the caller's context. */
    public <T> Uni<T> onFetchPool(Supplier<T> blocking) {
        return pool.executeBlocking(Uni.createFrom().item(blocking));
    }

    /**
     * Reserves one of {@code account}'s fetch slots.
     *
     * @throws GuardDutyException 429 when the account already has its maximum of fetches running
     */
    public Slot reserve(String account) {
        AtomicInteger n = running.computeIfAbsent(account, a -> new AtomicInteger());
        if (n.incrementAndGet() > perAccount) {
            n.decrementAndGet();
            throw GuardDutyException.tooManyRequests("The request is rejected because " + perAccount
                    + " list fetches of this account are still running; retry when a list leaves ACTIVATING.", 5);
        }
        return new Slot(account);
    }

    /** Fetches running for {@code account}. */
    public int running(String account) {
        AtomicInteger n = running.get(account);
        return n == null ? 0 : n.get();
    }

    /** One reserved fetch; released exactly once. */
    public final class Slot {

        private final String account;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(String account) {
            this.account = account;
        }

        /** Gives the slot back (the work was not started, or it ended). */
        public void release() {
            if (released.compareAndSet(false, true)) {
                running.get(account).decrementAndGet();
            }
        }

        /** Starts {@code work} on a new Vert.x context, after the request; the slot is released when it ends. */
        public void runInBackground(Supplier<Uni<Void>> work) {
            // a new, safe duplicated context: the request's ends with the response, Hibernate Reactive needs its own
            Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> {
                try {
                    work.get().subscribe().with(x -> release(), e -> {
                        Log.warnf("a list fetch of account %s failed to store its outcome: %s", account, e.toString());
                        release();
                    });
                } catch (RuntimeException e) {
                    Log.warnf("a list fetch of account %s could not start: %s", account, e.toString());
                    release();
                }
            });
        }
    }
}
