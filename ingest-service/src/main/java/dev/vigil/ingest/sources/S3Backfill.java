package dev.vigil.ingest.sources;

import dev.vigil.events.LogSourceCheckpoint;
import dev.vigil.events.LogSourceState;
import io.quarkus.logging.Log;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a source's bucket from a start time (issue 15 item 3): {@code S3_POLL} sources, and {@code S3_SQS} sources
 * with a start time before they follow their queue. The prefix is walked to the folders of AWS's key layout that hold
 * dates ({@code AWSLogs/{account}/vpcflowlogs|CloudTrail|vpcdnsquerylogs/{region}/} and organisation trails'
 * {@code AWSLogs/{org}/{account}/...}, their {@code {yyyy}/{mm}/{dd}/} below; CloudTrail digest and Insights folders
 * are left out); day by day from the start time to today, the objects of all of them are read in order of their time
 * (the {@code yyyymmddTHHmmZ} in AWS's object names, else last-modified), then key. A prefix without such folders is
 * listed whole and read in the same order. Objects whose time is before the start time are not read.
 *
 * <p>After each object, once Kafka acknowledged its records, the checkpoint (time and key of that object) is written
 * to {@link BackfillCheckpoints}; a restarted reader resumes after it, so a week of history is not read again. An
 * object read twice anyway (a crash between its acknowledgement and the checkpoint, or a notification of the same
 * object) keeps its submission ID, bucket/key#ETag, and counts once. Objects delivered later with a time before the
 * checkpoint are read when they are within {@code vigil.sources.relist-window} of it: the days from there on are
 * listed again on every pass and an object whose key is not among the checkpoint's recent keys is read; later still,
 * they are not seen by polling ({@code S3_SQS} sources get them from their queue).
 */
final class S3Backfill {

    /** AWS's object names carry their time as {@code _yyyymmddTHHmmZ_} (flow logs, CloudTrail, Resolver query logs). */
    private static final Pattern KEY_TIME = Pattern.compile("_(\\d{8}T\\d{4})Z[_.]");
    private static final DateTimeFormatter KEY_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm")
            .withZone(ZoneOffset.UTC);
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    /** How deep below the prefix the dated folders are looked for ({@code AWSLogs/{org}/{account}/{service}/{region}}). */
    static final int MAX_DEPTH = 6;
    /** The most dated folders one source reads. */
    static final int MAX_ROOTS = 1000;
    static final long DAY_MS = 86_400_000L;
    /** The most recent keys a checkpoint keeps (about 100 bytes each on the checkpoints topic). */
    static final int MAX_RECENT_KEYS = 5000;

    /** One listed object, ordered by time then key. */
    record Listed(long time, String key, String eTag, long size) {
        static final Comparator<Listed> ORDER = Comparator.comparingLong(Listed::time).thenComparing(Listed::key);

        boolean after(LogSourceCheckpoint c) {
            return c == null || time > c.lastTime() || time == c.lastTime() && key.compareTo(c.lastKey()) > 0;
        }

        /** Not after {@code c}, but within {@code window} before it and not among its recent keys: it appeared late. */
        boolean late(LogSourceCheckpoint c, long window) {
            return c != null && c.recentKeys() != null && time >= c.lastTime() - window && !c.recentKeys().containsKey(key);
        }
    }

    private final LogSourceState source;
    private final S3Client s3;
    private final LogObjectReader objects;
    private final BackfillCheckpoints checkpoints;
    private final SourcesConfig config;
    private final SourceStatusBoard.Tally tally;
    private volatile boolean running = true;

    S3Backfill(LogSourceState source, S3Client s3, LogObjectReader objects, BackfillCheckpoints checkpoints,
            SourcesConfig config, SourceStatusBoard.Tally tally) {
        this.source = source;
        this.s3 = s3;
        this.objects = objects;
        this.checkpoints = checkpoints;
        this.config = config;
        this.tally = tally;
    }

    /** Asks the backfill to end after the current object. */
    void stop() {
        running = false;
    }

    /**
     * The time the backfill starts from (UTC epoch ms): the source's start time, else (S3_POLL without one)
     * {@code vigil.sources.poll-lookback} before the source's last change.
     */
    long from() {
        return source.startTime() != null ? source.startTime() : source.updatedAt() - config.pollLookback().toMillis();
    }

    /**
     * Reads up to now, resuming after the checkpoint and trying again after {@code vigil.sources.wait-time} when S3
     * or Kafka fail; waits first until the checkpoints were read after a start.
     *
     * @return true once every object up to now was read, false when stopped
     */
    boolean catchUp() {
        while (running && !Thread.currentThread().isInterrupted()) {
            if (!checkpoints.caughtUp() || !objects.ready()) {
                pause();
                continue;
            }
            try {
                return readToNow();
            } catch (LogObjectReader.TransientFailure e) {
                tally.error(e.object, null, e.getMessage());
            } catch (SdkException e) {
                tally.error(where(), null, "listing the bucket failed: " + SqsSourceReader.reason(e));
            } catch (RuntimeException e) {
                Log.warnf(e, "log source %s: backfill failed", source.logSourceId());
                tally.error(where(), null, "internal error while reading the bucket (checkpoint not written?)");
            }
            pause();
        }
        return false;
    }

    /** S3_POLL: catches up, then lists again every {@code vigil.sources.poll-interval}, until stopped. */
    void poll() {
        while (catchUp()) {
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String where() {
        return "s3://" + source.bucket() + "/" + (source.prefix() == null ? "" : source.prefix());
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(5000, config.waitTime().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass from the checkpoint (or the start time) to now; false when stopped on the way. */
    boolean readToNow() {
        long from = from();
        LogSourceCheckpoint cp = current(from);
        String prefix = source.prefix() == null ? "" : source.prefix();
        List<String> roots = new ArrayList<>();
        walk(prefix, 0, roots);
        if (roots.isEmpty()) {
            return read(list(prefix), from, cp);
        }
        long window = config.relistWindow().toMillis();
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(cp == null ? from : Math.max(from, cp.lastTime() - window)),
                ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (; !day.isAfter(today); day = day.plusDays(1)) {
            String path = String.format("%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
            List<Listed> objs = new ArrayList<>();
            for (String root : roots) {
                objs.addAll(list(root + path));
            }
            if (!read(objs, from, current(from))) {
                return false;
            }
        }
        return true;
    }

    /** The checkpoint that belongs to this start time (any, for a source without one), or null: then start over. */
    private LogSourceCheckpoint current(long from) {
        LogSourceCheckpoint c = checkpoints.find(source.logSourceId());
        return c != null && (source.startTime() == null || c.startTime() == from) ? c : null;
    }

    /** Reads {@code objs} in order, those at or after {@code from} and after {@code cp}; false when stopped. */
    private boolean read(List<Listed> objs, long from, LogSourceCheckpoint cp) {
        objs.sort(Listed.ORDER);
        for (Listed o : objs) {
            if (!running) {
                return false;
            }
            if (o.time() < from || !o.after(cp) && !o.late(cp, config.relistWindow().toMillis())) {
                continue;
            }
            objects.read(new S3Notification.ObjectRef(source.bucket(), o.key(), null, o.eTag(), o.size()));
            cp = next(cp, from, o);
            checkpoints.save(cp);
        }
        return running;
    }

    /**
     * The checkpoint after {@code o} was read: its position is the later of {@code cp}'s and {@code o}'s (a late
     * object does not move it back), its recent keys those of {@code cp} and {@code o} within the re-list window
     * (at most {@link #MAX_RECENT_KEYS}, the latest kept).
     */
    private LogSourceCheckpoint next(LogSourceCheckpoint cp, long from, Listed o) {
        boolean ahead = o.after(cp);
        long lastTime = ahead ? o.time() : cp.lastTime();
        String lastKey = ahead ? o.key() : cp.lastKey();
        long floor = lastTime - config.relistWindow().toMillis();
        java.util.TreeMap<String, Long> recent = new java.util.TreeMap<>();
        if (cp != null && cp.recentKeys() != null) {
            cp.recentKeys().forEach((k, t) -> {
                if (t >= floor) {
                    recent.put(k, t);
                }
            });
        }
        recent.put(o.key(), o.time());
        while (recent.size() > MAX_RECENT_KEYS) {
            recent.values().stream().min(Long::compare).ifPresent(min -> recent.values().remove(min));
        }
        return new LogSourceCheckpoint(LogSourceCheckpoint.SCHEMA_VERSION, source.logSourceId(), source.accountId(), from,
                lastTime, lastKey, System.currentTimeMillis(), recent);
    }

    /** Finds the folders under {@code p} whose children are years ({@code 2026/}). */
    private void walk(String p, int depth, List<String> roots) {
        if (depth > MAX_DEPTH || roots.size() >= MAX_ROOTS) {
            return;
        }
        for (CommonPrefix child : s3.listObjectsV2Paginator(b -> b.bucket(source.bucket()).prefix(p).delimiter("/"))
                .commonPrefixes()) {
            String c = child.prefix();
            String name = c.substring(c.lastIndexOf('/', c.length() - 2) + 1, c.length() - 1);
            if (YEAR.matcher(name).matches()) {
                if (!roots.contains(p)) {
                    roots.add(p);
                }
            } else if (!name.equals("CloudTrail-Digest") && !name.equals("CloudTrail-Insight")) {
                walk(c, depth + 1, roots);
            }
        }
    }

    /** Every object under {@code prefix}. */
    private List<Listed> list(String prefix) {
        List<Listed> out = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(source.bucket()).prefix(prefix)).contents()) {
            String etag = o.eTag() == null ? null : o.eTag().replace("\"", "");
            out.add(new Listed(timeOf(o.key(), o.lastModified()), o.key(), etag, o.size() == null ? -1 : o.size()));
        }
        return out;
    }

    /** The time in an object's name ({@code _yyyymmddTHHmmZ_}), else its last-modified time (UTC epoch ms). */
    static long timeOf(String key, Instant lastModified) {
        Matcher m = KEY_TIME.matcher(key.substring(key.lastIndexOf('/') + 1));
        if (m.find()) {
            try {
                return Instant.from(KEY_TIME_FORMAT.parse(m.group(1))).toEpochMilli();
            } catch (DateTimeParseException e) {
                // not a time after all
            }
        }
        return lastModified == null ? 0 : lastModified.toEpochMilli();
    }
}
