package dev.vigil.ingest.sources;

import dev.vigil.events.LogSourceRead;
import dev.vigil.events.LogSourceState;
import dev.vigil.ingest.parse.LineError;
import dev.vigil.ingest.service.IngestResult;
import dev.vigil.ingest.service.IngestService;
import dev.vigil.ingest.service.Source;
import dev.vigil.web.Caller;
import dev.vigil.web.GuardDutyException;
import java.io.IOException;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads one S3 object of a source and ingests it as a submission of the source's account whose ID is the object's
 * bucket, key and version or ETag ({@link S3Notification.ObjectRef#submissionId()}), in one Kafka transaction with
 * its read marker ({@link ObjectTransactions}): an object whose marker {@link ObjectReads} holds is skipped with a
 * reason, so an object read again (a duplicate notification, a message redelivered after a replica died mid-object, a
 * restart, a backfill over notified objects) is published once. Shared by {@link SqsSourceReader} and
 * {@link S3Backfill}.
 */
final class LogObjectReader {

    private final LogSourceState source;
    private final S3Client s3;
    private final IngestService ingest;
    private final SourcesConfig config;
    private final SourceStatusBoard.Tally tally;
    private final Caller caller;
    private final ObjectReads reads;
    private final ObjectTransactions transactions;

    LogObjectReader(LogSourceState source, S3Client s3, IngestService ingest, SourcesConfig config,
            SourceStatusBoard.Tally tally, ObjectReads reads, ObjectTransactions transactions) {
        this.reads = reads;
        this.transactions = transactions;
        this.source = source;
        this.s3 = s3;
        this.ingest = ingest;
        this.config = config;
        this.tally = tally;
        // the source's account only: a record of another account in the tenant's bucket is a per-line error
        this.caller = new Caller("log-source/" + source.logSourceId(), source.accountId(), Set.of("ingest"));
    }

    /** Whether objects may be read: the read markers were read to their end as of start-up. */
    boolean ready() {
        return reads.caughtUp();
    }

    /**
     * Reads and ingests {@code o}: skipped with a reason (outside the source's bucket and prefix, see
     * {@link LogObjects#skipReason}, or already read), a permanent error recorded with the object (gone, broken gzip,
     * not a log of its type), or read to its end and committed with its marker.
     *
     * @throws TransientFailure when S3 or Kafka failed in a way that may pass (the caller tries again later)
     */
    void read(S3Notification.ObjectRef o) {
        boolean outside = source.bucket() != null && !source.bucket().equals(o.bucket())
                || source.prefix() != null && !o.key().startsWith(source.prefix());
        if (outside) {
            tally.skipped(o.uri(), "outside the source's bucket and prefix");
            return;
        }
        if (reads.done(source.logSourceId(), o.submissionId())) { // one source's reads, never another tenant's
            tally.skipped(o.uri(), "already read (the same object notified again)");
            return;
        }
        String skip = LogObjects.skipReason(o.key(), o.size());
        if (skip != null) {
            tally.skipped(o.uri(), skip);
            return;
        }
        byte[] content;
        try {
            GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(o.bucket()).key(o.key());
            if (o.versionId() != null) {
                req.versionId(o.versionId());
            }
            content = LogObjects.content(s3.getObjectAsBytes(req.build()).asByteArray(), config.maxObjectBytes());
        } catch (NoSuchKeyException e) {
            tally.error(o.uri(), null, "the object no longer exists");
            return;
        } catch (IOException e) {
            tally.error(o.uri(), null, e.getMessage());
            return;
        } catch (SdkException e) {
            throw new TransientFailure(o.uri(), "reading the object failed: " + SqsSourceReader.reason(e));
        }
        IngestResult r = publish(o, LogObjects.type(source.logType(), o.key(), content), content);
        if (r == null) {
            return;
        }
        for (LineError err : r.errors()) {
            tally.error(o.uri(), err.line() != null ? err.line() : err.index() == null ? null : err.index() + 1, err.reason());
        }
        tally.read(o.uri(), r.accepted());
    }

    /** Publishes the object's records with its marker in one transaction; null when it was not committed. */
    private IngestResult publish(S3Notification.ObjectRef o, Source type, byte[] content) {
        try (ObjectTransactions.Publication p = transactions.begin()) {
            IngestResult r;
            try {
                r = ingest.object(type, content, source.sourceRegion(), caller, o.submissionId(), p.producer());
            } catch (GuardDutyException e) {
                p.abort();
                if (e.status() == 400) {
                    tally.error(o.uri(), null, "not a " + type.tag + " log: " + e.getMessage());
                    return null;
                }
                throw new TransientFailure(o.uri(), e.getMessage());
            }
            if (reads.done(source.logSourceId(), o.submissionId())) {
                p.abort(); // another replica committed it while this one read it (a duplicate received by both)
                tally.skipped(o.uri(), "already read by another replica while this one read it");
                return null;
            }
            p.commit(new LogSourceRead(LogSourceRead.SCHEMA_VERSION, source.logSourceId(), o.submissionId(),
                    r.accepted(), System.currentTimeMillis()));
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure(o.uri(), "interrupted while waiting for a Kafka transaction");
        } catch (KafkaException e) {
            throw new TransientFailure(o.uri(), "the Kafka transaction failed (nothing of the object is visible): "
                    + e.getMessage());
        }
    }

    /** A failure that may pass (S3 or Kafka unavailable, expired credentials): the object is read again later. */
    static final class TransientFailure extends RuntimeException {
        final String object;

        TransientFailure(String object, String message) {
            super(message, null, false, false);
            this.object = object;
        }
    }
}
