package dev.vigil.ingest.sources;

import dev.vigil.events.LogSourceState;
import dev.vigil.ingest.service.IngestService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs one reader thread per enabled {@code S3_SQS} and {@code S3_POLL} source of {@link LogSourceDirectory}: an
 * {@code S3_SQS} source's {@link SqsSourceReader}, after an {@link S3Backfill} from its start time when it has one;
 * an {@code S3_POLL} source's {@link S3Backfill}, listing again every {@code vigil.sources.poll-interval}. Every
 * {@code vigil.sources.reconcile-interval} new sources start, changed ones (a higher version) restart with their new
 * settings, disabled and deleted ones stop; each source's status is published every
 * {@code vigil.sources.report-interval}. Every replica reads every queue; SQS visibility timeouts keep two replicas
 * from working on the same message at once. A bucket is listed (backfill, {@code S3_POLL}) only by the replica that
 * owns the source ({@link SourceOwnership}); a source whose owner changes restarts.
 */
@ApplicationScoped
public class SourceReaders {

    private final LogSourceDirectory directory;
    private final SourceClients clientsFactory;
    private final IngestService ingest;
    private final SourcesConfig config;
    private final SourceStatusBoard board;
    private final BackfillCheckpoints checkpoints;
    private final SourceOwnership ownership;
    private final ObjectReads reads;
    private final ObjectTransactions transactions;
    private final Map<String, Running> running = new HashMap<>();
    private ScheduledExecutorService timer;
    private ExecutorService readers;

    /**
     * A source's reader at one version and ownership ({@code stop} ends it); clients are null when they could not be
     * made or nothing runs (an {@code S3_POLL} source another replica owns).
     */
    private record Running(long version, boolean owned, Runnable stopper, SourceClients.Clients clients) {
        void stop() {
            if (stopper != null) {
                stopper.run();
            }
        }

        void close() {
            if (clients != null) {
                clients.close();
            }
        }
    }

    public SourceReaders(LogSourceDirectory directory, SourceClients clientsFactory, IngestService ingest,
            SourcesConfig config, SourceStatusBoard board, BackfillCheckpoints checkpoints, SourceOwnership ownership,
            ObjectReads reads, ObjectTransactions transactions) {
        this.checkpoints = checkpoints;
        this.reads = reads;
        this.transactions = transactions;
        this.ownership = ownership;
        this.directory = directory;
        this.clientsFactory = clientsFactory;
        this.ingest = ingest;
        this.config = config;
        this.board = board;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        timer = Executors.newScheduledThreadPool(2, r -> daemon(r, "vigil-sources-timer"));
        readers = Executors.newCachedThreadPool(r -> daemon(r, "vigil-source-reader"));
        timer.scheduleWithFixedDelay(this::reconcileQuietly, 0, config.reconcileInterval().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::publishQuietly, config.reportInterval().toMillis(),
                config.reportInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        synchronized (this) {
            running.values().forEach(Running::stop);
        }
        readers.shutdown();
        try {
            readers.awaitTermination(config.waitTime().toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            running.values().forEach(Running::close);
            running.clear();
        }
        board.publishChanged();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void publishQuietly() {
        try {
            board.publishChanged();
        } catch (RuntimeException e) {
            Log.warnf(e, "publishing log source statuses failed");
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            Log.warnf("matching log source readers failed: %s", e.toString());
        }
    }

    /** Starts, restarts and stops readers to match the directory. */
    synchronized void reconcile() {
        Map<String, LogSourceState> wanted = directory.enabled().stream()
                .filter(s -> "S3_SQS".equals(s.kind()) || "S3_POLL".equals(s.kind()))
                .collect(Collectors.toMap(LogSourceState::logSourceId, s -> s));
        for (String id : Set.copyOf(running.keySet())) {
            LogSourceState s = wanted.get(id);
            if (s == null || s.version() != running.get(id).version() || ownership.owns(id) != running.get(id).owned()) {
                Running r = running.remove(id);
                r.stop();
                readers.execute(r::close); // the reader ends after its current receive
            }
        }
        for (LogSourceState s : wanted.values()) {
            if (running.containsKey(s.logSourceId())) {
                continue;
            }
            boolean owned = ownership.owns(s.logSourceId());
            if ("S3_POLL".equals(s.kind()) && !owned) {
                running.put(s.logSourceId(), new Running(s.version(), false, null, null)); // another replica lists it
                continue;
            }
            SourceStatusBoard.Tally tally = board.of(s.logSourceId(), s.accountId());
            SourceClients.Clients c;
            try {
                c = clientsFactory.of(s);
            } catch (RuntimeException e) {
                tally.error(s.queueUrl() != null ? s.queueUrl() : "s3://" + s.bucket(), null, "cannot read the source: " + e.getMessage());
                running.put(s.logSourceId(), new Running(s.version(), owned, null, null)); // tried again at its next version
                continue;
            }
            LogObjectReader objects = new LogObjectReader(s, c.s3(), ingest, config, tally, reads, transactions);
            S3Backfill backfill = new S3Backfill(s, c.s3(), objects, checkpoints, config, tally);
            if ("S3_POLL".equals(s.kind())) {
                running.put(s.logSourceId(), new Running(s.version(), owned, backfill::stop, c));
                readers.execute(backfill::poll);
                Log.infof("polling log source %s of account %s in s3://%s/%s", s.logSourceId(), s.accountId(), s.bucket(),
                        s.prefix() == null ? "" : s.prefix());
                continue;
            }
            SqsSourceReader reader = new SqsSourceReader(s, c, objects, config, tally, timer);
            running.put(s.logSourceId(), new Running(s.version(), owned, () -> {
                backfill.stop();
                reader.stop();
            }, c));
            readers.execute(() -> {
                // with a start time, the bucket first (objects also notified count once: same submission IDs)
                // (the replica that owns the source lists the bucket; the others follow the queue at once)
                if (s.startTime() == null || s.bucket() == null || !owned || backfill.catchUp()) {
                    reader.run();
                }
            });
            Log.infof("reading log source %s of account %s from %s", s.logSourceId(), s.accountId(), s.queueUrl());
        }
    }
}
