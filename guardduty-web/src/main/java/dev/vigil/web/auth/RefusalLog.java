package dev.vigil.web.auth;

import io.quarkus.logging.Log;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Rate-limited logging of refused credentials (issue 23, defect 6): a flood of garbage bearer tokens must not become
 * a flood of log lines. The first refusal of each {@value #WINDOW_SECONDS}-second window is logged at INFO with the
 * number of refusals since the previous line; the others are only counted. Never logs a token.
 */
public final class RefusalLog {

    /** Seconds between two log lines. */
    public static final long WINDOW_SECONDS = 60;

    private static final RefusalLog INSTANCE = new RefusalLog(() -> System.nanoTime());

    private final LongSupplier nanoClock;
    private final AtomicLong nextLineAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong unlogged = new AtomicLong();

    RefusalLog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Records one refused credential; logs when a line is due. */
    public static void refused(String what) {
        INSTANCE.record(what);
    }

    /** Records one refusal; returns the count logged, or 0 when this one was only counted. */
    long record(String what) {
        long count = unlogged.incrementAndGet();
        long now = nanoClock.getAsLong();
        long due = nextLineAt.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && nextLineAt.compareAndSet(due, now + WINDOW_SECONDS * 1_000_000_000L)) {
            long n = unlogged.getAndSet(0);
            Log.infof("refused %s: %d request(s) since the last line (at most one line per %d s)", what, n, WINDOW_SECONDS);
            return n;
        }
        return 0;
    }
}
