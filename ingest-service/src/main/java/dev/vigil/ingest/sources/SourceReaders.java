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
 * Runs one {@link SqsSourceReader} thread per enabled {@code S3_SQS} source of {@link LogSourceDirectory}: every
 * {@code vigil.sources.reconcile-interval} new sources start, changed ones (a higher version) restart with their new
 * settings, disabled and deleted ones stop; each source's status is published every
 * {@code vigil.sources.report-interval}. Every replica reads every source; SQS visibility timeouts keep two replicas
 * from working on the same message at once.
 */
@ApplicationScoped
public class SourceReaders {

    private final LogSourceDirectory directory;
    private final SourceClients clientsFactory;
    private final IngestService ingest;
    private final SourcesConfig config;
    private final SourceStatusBoard board;
    private final Map<String, Running> running = new HashMap<>();
    private ScheduledExecutorService timer;
    private ExecutorService readers;

    /** A source's reader at one version; reader and clients are null when its clients could not be made. */
    private record Running(long version, SqsSourceReader reader, SourceClients.Clients clients) {
        void stop() {
            if (reader != null) {
                reader.stop();
            }
        }

        void close() {
            if (clients != null) {
                clients.close();
            }
        }
    }

    public SourceReaders(LogSourceDirectory directory, SourceClients clientsFactory, IngestService ingest,
            SourcesConfig config, SourceStatusBoard board) {
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
        Map<String, LogSourceState> wanted = directory.enabled().stream().filter(s -> "S3_SQS".equals(s.kind()))
                .collect(Collectors.toMap(LogSourceState::logSourceId, s -> s));
        for (String id : Set.copyOf(running.keySet())) {
            LogSourceState s = wanted.get(id);
            if (s == null || s.version() != running.get(id).version()) {
                Running r = running.remove(id);
                r.stop();
                readers.execute(r::close); // the reader ends after its current receive
            }
        }
        for (LogSourceState s : wanted.values()) {
            if (running.containsKey(s.logSourceId())) {
                continue;
            }
            SourceStatusBoard.Tally tally = board.of(s.logSourceId(), s.accountId());
            SourceClients.Clients c;
            try {
                c = clientsFactory.of(s);
            } catch (RuntimeException e) {
                tally.error(s.queueUrl(), null, "cannot read the source: " + e.getMessage());
                running.put(s.logSourceId(), new Running(s.version(), null, null)); // tried again at its next version
                continue;
            }
            SqsSourceReader reader = new SqsSourceReader(s, c, ingest, config, tally, timer);
            running.put(s.logSourceId(), new Running(s.version(), reader, c));
            readers.execute(reader);
            Log.infof("reading log source %s of account %s from %s", s.logSourceId(), s.accountId(), s.queueUrl());
        }
    }
}
