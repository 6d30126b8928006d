package dev.vigil.detector.lag;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A background task run on a daemon thread of its own, with a fixed delay between runs. */
public final class Periodic {

    private Periodic() {
    }

    /**
     * Runs {@code task} every {@code every} (first after one delay) on a daemon thread named {@code threadName};
     * the caller shuts the returned executor down ({@code shutdownNow}) when it stops.
     */
    public static ScheduledExecutorService start(String threadName, Duration every, Runnable task) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        executor.scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
        return executor;
    }
}
