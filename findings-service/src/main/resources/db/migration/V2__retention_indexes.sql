-- Retention deletes the feedback rows of purged findings by finding ID (the primary key leads with account_id).
create index finding_feedback_finding_idx on finding_feedback (finding_id);
-- ... and ages out webhook dead letters.
create index webhook_dead_letter_failed_idx on webhook_dead_letter (failed_at);
