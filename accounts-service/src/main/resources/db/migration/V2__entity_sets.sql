-- Entity sets (2025): kinds TRUSTED_ENTITY and THREAT_ENTITY need a wider kind column; every list kind may name the
-- account expected to own its S3 bucket (expectedBucketOwner), echoed by the Get operations.
alter table threat_list alter column kind type varchar(16);
alter table threat_list add column expected_bucket_owner varchar(12);
