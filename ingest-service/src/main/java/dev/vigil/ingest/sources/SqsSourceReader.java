package dev.vigil.ingest.sources;

import dev.vigil.events.LogSourceState;
import dev.vigil.ingest.parse.LineError;
import dev.vigil.ingest.service.IngestResult;
import dev.vigil.ingest.service.IngestService;
import dev.vigil.ingest.service.Source;
import dev.vigil.web.Caller;
import dev.vigil.web.GuardDutyException;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads one {@code S3_SQS} source until stopped: receives S3 notifications from the queue (long polling), reads each
 * object named, ingests it as a submission of the source's account whose ID is the object's bucket/key/version-or-ETag
 * ({@link S3Notification.ObjectRef#submissionId()}), and deletes the message only once Kafka acknowledged every record
 * of every object it names. While a message is worked on its visibility timeout is extended every half timeout, so
 * several replicas share one queue without reading an object twice; if a replica dies mid-object the message becomes
 * visible again and the next read gives the same event IDs (counted once by findings and usage).
 *
 * <p>Outcomes per object: read (counted), skipped with a reason (digest files, folder markers, empty objects, keys
 * outside the source's bucket/prefix), a permanent error recorded with the object (not a log of the type, truncated
 * gzip, deleted object) and the message deleted, or a transient error (S3 or Kafka unavailable, expired credentials)
 * recorded and the message left to reappear; after {@code vigil.sources.max-attempts} receives it is counted as
 * dead-lettered and deleted.
 */
public final class SqsSourceReader implements Runnable {

    private final LogSourceState source;
    private final SourceClients.Clients clients;
    private final IngestService ingest;
    private final SourcesConfig config;
    private final SourceStatusBoard.Tally tally;
    private final ScheduledExecutorService heartbeats;
    private final Caller caller;
    private volatile boolean running = true;

    public SqsSourceReader(LogSourceState source, SourceClients.Clients clients, IngestService ingest, SourcesConfig config,
            SourceStatusBoard.Tally tally, ScheduledExecutorService heartbeats) {
        this.source = source;
        this.clients = clients;
        this.ingest = ingest;
        this.config = config;
        this.tally = tally;
        this.heartbeats = heartbeats;
        // the source's account only: a record of another account in the tenant's bucket is a per-line error
        this.caller = new Caller("log-source/" + source.logSourceId(), source.accountId(), Set.of("ingest"));
    }

    /** Asks the loop to end after the current receive (a message in progress is finished or left to reappear). */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                List<Message> messages = clients.sqs().receiveMessage(r -> r.queueUrl(source.queueUrl())
                        .maxNumberOfMessages(10).waitTimeSeconds((int) Math.min(20, config.waitTime().toSeconds()))
                        .visibilityTimeout((int) config.visibilityTimeout().toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP)
                        // the older member as well: SQS-compatible servers (ElasticMQ) may know only AttributeNames
                        .attributeNamesWithStrings("ApproximateReceiveCount", "SentTimestamp")).messages();
                for (Message m : messages) {
                    if (!running) {
                        return; // left to reappear after its visibility timeout
                    }
                    handle(m);
                }
            } catch (SdkException e) {
                tally.error(source.queueUrl(), null, "receiving from the queue failed: " + reason(e));
                pause();
            } catch (RuntimeException e) {
                // never let one message end the reader: it reappears after its visibility timeout
                Log.warnf(e, "log source %s: unexpected failure", source.logSourceId());
                tally.error(source.queueUrl(), null, "internal error while reading the source");
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(5000, config.waitTime().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Works on one message; deletes it when done or given up, else leaves it to reappear. */
    void handle(Message m) {
        String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        if (sent != null) {
            tally.lag(Math.max(0, System.currentTimeMillis() - Long.parseLong(sent)));
        }
        int attempts = Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
        S3Notification n = S3Notification.parse(m.body());
        if (n.problem() != null) {
            tally.error("message " + m.messageId(), null, n.problem());
            delete(m);
            return;
        }
        long every = Math.max(1, config.visibilityTimeout().toSeconds() / 2);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> extend(m), every, every, TimeUnit.SECONDS);
        try {
            for (S3Notification.ObjectRef o : n.objects()) {
                read(o);
            }
            delete(m);
        } catch (TransientFailure e) {
            tally.error(e.object, null, e.getMessage());
            if (attempts >= config.maxAttempts()) {
                tally.deadLettered(e.object, "given up after " + attempts + " attempts: " + e.getMessage());
                delete(m);
            }
        } finally {
            heartbeat.cancel(false);
        }
    }

    private void read(S3Notification.ObjectRef o) {
        boolean outside = source.bucket() != null && !source.bucket().equals(o.bucket())
                || source.prefix() != null && !o.key().startsWith(source.prefix());
        if (outside) {
            tally.skipped(o.uri(), "outside the source's bucket and prefix");
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
            content = LogObjects.content(clients.s3().getObjectAsBytes(req.build()).asByteArray(), config.maxObjectBytes());
        } catch (NoSuchKeyException e) {
            tally.error(o.uri(), null, "the object no longer exists");
            return;
        } catch (IOException e) {
            tally.error(o.uri(), null, e.getMessage());
            return;
        } catch (SdkException e) {
            throw new TransientFailure(o.uri(), "reading the object failed: " + reason(e));
        }
        Source type = LogObjects.type(source.logType(), o.key(), content);
        IngestResult r;
        try {
            r = ingest.object(type, content, source.sourceRegion(), caller, o.submissionId());
        } catch (GuardDutyException e) {
            if (e.status() == 400) {
                tally.error(o.uri(), null, "not a " + type.tag + " log: " + e.getMessage());
                return;
            }
            throw new TransientFailure(o.uri(), e.getMessage());
        }
        for (LineError err : r.errors()) {
            tally.error(o.uri(), err.line() != null ? err.line() : err.index() == null ? null : err.index() + 1, err.reason());
        }
        tally.read(o.uri(), r.accepted());
    }

    private void extend(Message m) {
        try {
            clients.sqs().changeMessageVisibility(r -> r.queueUrl(source.queueUrl()).receiptHandle(m.receiptHandle())
                    .visibilityTimeout((int) config.visibilityTimeout().toSeconds()));
        } catch (SdkException e) {
            Log.debugf("extending the visibility of message %s failed: %s", m.messageId(), e.toString());
        }
    }

    private void delete(Message m) {
        try {
            clients.sqs().deleteMessage(r -> r.queueUrl(source.queueUrl()).receiptHandle(m.receiptHandle()));
        } catch (SdkException e) {
            // the message reappears; its objects keep their event IDs, so reading them again counts once
            tally.error("message " + m.messageId(), null, "deleting the message failed: " + reason(e));
        }
    }

    private static String reason(SdkException e) {
        String msg = e.getMessage();
        return msg == null ? "no answer" : msg.length() > 300 ? msg.substring(0, 300) : msg;
    }

    /** A failure that may pass: the message is left to reappear. */
    private static final class TransientFailure extends RuntimeException {
        final String object;

        TransientFailure(String object, String message) {
            super(message, null, false, false);
            this.object = object;
        }
    }
}
