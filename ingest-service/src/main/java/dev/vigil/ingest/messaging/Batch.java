package dev.vigil.ingest.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;

/**
 * The acknowledgements of one request's records: {@link #done()} completes when the broker acknowledged every
 * record sent through this batch (after {@link #seal()}), or fails with the first negative acknowledgement.
 *
 * <p>A record is acknowledged at most once. A negative acknowledgement is terminal and may come more than once for
 * one record (a Kafka producer in a fatal state can throw from {@code send} after queueing the record, whose callback
 * then fails it too): {@code done} has failed at the first one, so a repeated one changes nothing.
 */
public final class Batch {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** The producer whose open transaction takes this batch's records, or null (each channel's own producer). */
    private final Producer<String, Object> transaction;

    /** A batch sent through each channel's own producer. */
    public Batch() {
        this(null);
    }

    /**
     * A batch whose records all go to {@code transaction}, a transactional producer with a transaction begun by the
     * caller (who commits or aborts it after {@link #done()}); null: each channel's own producer.
     */
    public Batch(Producer<String, Object> transaction) {
        this.transaction = transaction;
    }

    /** The transactional producer of this batch, or null. */
    public Producer<String, Object> transaction() {
        return transaction;
    }

    private final AtomicInteger pending = new AtomicInteger(1); // 1 = not sealed yet
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private int sent;

    /** Called before each send. */
    void expect() {
        pending.incrementAndGet();
        sent++;
    }

    /** Number of records handed to the publisher for this batch, including those not sent after a failure. */
    public int sent() {
        return sent;
    }

    /** Whether a record of this batch was refused (then {@link #done()} fails). */
    boolean failed() {
        return failure.get() != null;
    }

    Throwable failure() {
        return failure.get();
    }

    CompletionStage<Void> ack() {
        if (pending.decrementAndGet() == 0) {
            complete();
        }
        return DONE;
    }

    CompletionStage<Void> nack(Throwable t) {
        failure.compareAndSet(null, t);
        done.completeExceptionally(t);
        pending.decrementAndGet();
        return DONE;
    }

    /** No more records will be sent; returns {@link #done()}. */
    public CompletableFuture<Void> seal() {
        if (pending.decrementAndGet() == 0) {
            complete();
        }
        return done;
    }

    private void complete() {
        Throwable t = failure.get();
        if (t == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(t);
        }
    }

    /** Completes when every record was acknowledged; fails with the first negative acknowledgement. */
    public CompletableFuture<Void> done() {
        return done;
    }
}
