package dev.vigil.accounts.sources;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * The latest report of one reader replica on one log source (table {@code log_source_reader}), from
 * {@code vigil.log-sources.status.v1}; {@code errors} is the report's error list as JSON.
 */
@Entity
@Table(name = "log_source_reader")
@IdClass(LogSourceReaderEntity.Key.class)
public class LogSourceReaderEntity {
    @Id
    @Column(name = "log_source_id")
    public String logSourceId;
    @Id
    @Column(name = "reader_id")
    public String readerId;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "last_object")
    public String lastObject;
    @Column(name = "last_read_at")
    public Instant lastReadAt;
    @Column(name = "lag_millis")
    public Long lagMillis;
    @Column(name = "objects_read")
    public long objectsRead;
    @Column(name = "records_read")
    public long recordsRead;
    @Column(name = "objects_skipped")
    public long objectsSkipped;
    @Column(name = "dead_lettered")
    public long deadLettered;
    public String errors;
    @Column(name = "reported_at")
    public Instant reportedAt;

    /** The composite key: source and reader replica. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String logSourceId;
        public String readerId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.logSourceId.equals(logSourceId) && k.readerId.equals(readerId);
        }

        @Override
        public int hashCode() {
            return logSourceId.hashCode() * 31 + readerId.hashCode();
        }
    }
}
