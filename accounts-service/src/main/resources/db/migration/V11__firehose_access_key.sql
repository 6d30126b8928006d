-- Firehose HTTP endpoint delivery (issue 15 item 4): a FIREHOSE source's access key, issued by Vigil when the source
-- is created and shown once, is kept only as its SHA-256 (hex); ingest-service compares the hash of the
-- X-Amz-Firehose-Access-Key header with it.
alter table log_source add column firehose_key_hash varchar(64);
