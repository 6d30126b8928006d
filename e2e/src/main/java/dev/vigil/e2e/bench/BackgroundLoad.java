package dev.vigil.e2e.bench;

import dev.vigil.e2e.client.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A steady benign flow-log load for a latency run: batches of default-format records (HTTPS sessions of 200
 * interfaces of one account to varied remote addresses) posted at a target rate from one thread; it never sends
 * faster than the target and reports what was accepted.
 */
public final class BackgroundLoad implements AutoCloseable {

    private static final int BATCH = 1_000;
    private final ApiClient ingest;
    private final String account;
    private final int recordsPerSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong accepted = new AtomicLong();
    private final LongSupplier eventSecond;
    private final Thread thread;
    private volatile long startedNanos;

    /** Starts posting {@code recordsPerSecond} records of {@code account} per second, stamped a minute ago. */
    public BackgroundLoad(ApiClient ingest, String account, int recordsPerSecond) {
        this(ingest, account, recordsPerSecond, () -> Instant.now().getEpochSecond() - 60);
    }

    /**
     * As {@link #BackgroundLoad(ApiClient, String, int)}, with each batch's records starting at the epoch second
     * {@code eventSecond} gives when the batch is built (a soak can so cover more event time than wall time).
     */
    public BackgroundLoad(ApiClient ingest, String account, int recordsPerSecond, LongSupplier eventSecond) {
        this.eventSecond = eventSecond;
        this.ingest = ingest;
        this.account = account;
        this.recordsPerSecond = recordsPerSecond;
        this.thread = new Thread(this::run, "background-load");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Records accepted per second since the start. */
    public double rate() {
        double s = (System.nanoTime() - startedNanos) / 1e9;
        return s <= 0 ? 0 : accepted.get() / s;
    }

    private void run() {
        startedNanos = System.nanoTime();
        long sent = 0;
        while (running.get()) {
            long due = startedNanos + sent * 1_000_000_000L / recordsPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                ingest.send("POST", "/ingest/v1/flow-logs?region=us-east-1", batch(), "text/plain", Map.of());
                accepted.addAndGet(BATCH);
            } catch (RuntimeException e) {
                // a refused batch (429, 503) is not counted; the load goes on at the same pace
            }
            sent += BATCH;
        }
    }

    private byte[] batch() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long t = eventSecond.getAsLong();
        StringBuilder b = new StringBuilder(BATCH * 110);
        for (int i = 0; i < BATCH; i++) {
            int eni = r.nextInt(200);
            b.append("2 ").append(account).append(" eni-0b").append(String.format("%015x", eni)).append(" 10.1.")
                    .append(eni / 250).append('.').append(eni % 250 + 1).append(' ').append(r.nextInt(1, 224))
                    .append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.')
                    .append(r.nextInt(1, 255)).append(' ').append(r.nextInt(32_768, 61_000)).append(" 443 6 ")
                    .append(r.nextInt(10, 400)).append(' ').append(r.nextInt(4_000, 400_000)).append(' ').append(t)
                    .append(' ').append(t + 30).append(" ACCEPT OK\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(10_000);
    }
}
