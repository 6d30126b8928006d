package dev.vigil.ingest.sources;

import dev.vigil.events.LogSourceState;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads one {@code S3_SQS} source until stopped: receives S3 notifications from the queue (long polling), reads each
 * object named, ingests it as a submission of the source's account whose ID is the object's bucket/key/version-or-ETag
 * ({@link S3Notification.ObjectRef#submissionId()}), and deletes the message only once Kafka acknowledged every record
 * of every object it names. While a message is worked on its visibility timeout is extended every half timeout, so
 * several replicas share one queue without reading an object twice; if a replica dies mid-object its Kafka transaction
 * is aborted, the message becomes visible again and the object is read once ({@link LogObjectReader}). Messages are
 * received only once {@link ObjectReads} has read the markers of earlier reads.
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
    private final SourcesConfig config;
    private final SourceStatusBoard.Tally tally;
    private final ScheduledExecutorService heartbeats;
    private final LogObjectReader objects;
    private volatile boolean running = true;

    SqsSourceReader(LogSourceState source, SourceClients.Clients clients, LogObjectReader objects, SourcesConfig config,
            SourceStatusBoard.Tally tally, ScheduledExecutorService heartbeats) {
        this.source = source;
        this.clients = clients;
        this.config = config;
        this.tally = tally;
        this.heartbeats = heartbeats;
        this.objects = objects;
    }

    /** Asks the loop to end after the current receive (a message in progress is finished or left to reappear). */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            if (!objects.ready()) {
                pause(); // the read markers first: else a restart would publish again what was read before it
                continue;
            }
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
                objects.read(o);
            }
            delete(m);
        } catch (LogObjectReader.TransientFailure e) {
            tally.error(e.object, null, e.getMessage());
            if (attempts >= config.maxAttempts()) {
                tally.deadLettered(e.object, "given up after " + attempts + " attempts: " + e.getMessage());
                delete(m);
            }
        } finally {
            heartbeat.cancel(false);
        }
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

    static String reason(SdkException e) {
        String msg = e.getMessage();
        return msg == null ? "no answer" : msg.length() > 300 ? msg.substring(0, 300) : msg;
    }
}
