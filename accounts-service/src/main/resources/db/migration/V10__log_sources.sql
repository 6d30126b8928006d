-- Log sources (issue 15): where Vigil reads a tenant's logs itself (S3 + SQS notifications, S3 polling, Firehose).
-- Credentials are stored only sealed with the operator's stack key (sealed_credentials); role_arn and
-- access_key_id are kept beside them in clear so that GetLogSource can name the credentials without opening them.
-- The reader's report (objects_read ... errors) is the sum of the latest report of each reader replica
-- (log_source_reader), updated from vigil.log-sources.status.v1.
create table log_source (
    log_source_id varchar(32) primary key,
    account_id varchar(12) not null,
    region varchar(32) not null,
    detector_id varchar(32) not null,
    name varchar(300) not null,
    kind varchar(16) not null,
    log_type varchar(16) not null,
    source_region varchar(32) not null,
    queue_url varchar(1024),
    bucket varchar(63),
    prefix varchar(1024),
    endpoint varchar(1024),
    role_arn varchar(2048),
    access_key_id varchar(128),
    sealed_credentials text,
    start_time timestamp with time zone,
    status varchar(16) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index log_source_account_idx on log_source (account_id, region);

create table log_source_reader (
    log_source_id varchar(32) not null references log_source (log_source_id) on delete cascade,
    reader_id varchar(200) not null,
    account_id varchar(12) not null,
    last_object varchar(2048),
    last_read_at timestamp with time zone,
    lag_millis bigint,
    objects_read bigint not null default 0,
    records_read bigint not null default 0,
    objects_skipped bigint not null default 0,
    dead_lettered bigint not null default 0,
    errors text,
    reported_at timestamp with time zone not null,
    primary key (log_source_id, reader_id)
);
