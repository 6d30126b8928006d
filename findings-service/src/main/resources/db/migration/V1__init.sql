-- findings-service schema. Every table carries account_id; every query is scoped by it.

-- Detectors per account and region, from the compacted topic vigil.accounts.state.v1.
create table detector (
    account_id            varchar(12)  not null,
    region                varchar(32)  not null,
    detector_id           varchar(64)  not null,
    status                varchar(16)  not null,
    publishing_frequency  varchar(32)  not null,
    primary key (account_id, region)
);
create index detector_id_idx on detector (detector_id);

-- Last applied AccountState version per account (older states are ignored).
create table account_state_version (
    account_id  varchar(12) primary key,
    version     bigint      not null
);

-- Administrator -> member relationships, as published by the administrator's AccountState.
create table membership (
    admin_account_id     varchar(12) not null,
    member_account_id    varchar(12) not null,
    relationship_status  varchar(32) not null,
    primary key (admin_account_id, member_account_id)
);
create index membership_member_idx on membership (member_account_id);

-- Candidate event IDs already applied: a redelivered candidate changes nothing.
create table processed_event (
    event_id      varchar(64) primary key,
    finding_id    varchar(64) not null,
    processed_at  timestamptz not null default now()
);
create index processed_event_finding_idx on processed_event (finding_id);

-- One row per finding: the whole GuardDuty document plus a column for every criterion and sort field.
create table finding (
    id                 varchar(64)      primary key,
    seq                bigserial        not null,
    account_id         varchar(12)      not null,
    region             varchar(32)      not null,
    detector_id        varchar(64),
    type               varchar(128)     not null,
    severity           double precision not null,
    confidence         double precision,
    created_at         timestamptz      not null,
    updated_at         timestamptz      not null,
    event_first_seen   timestamptz      not null,
    event_last_seen    timestamptz      not null,
    count              bigint           not null,
    archived           boolean          not null default false,
    suppressed         boolean          not null default false,
    sample             boolean          not null default false,
    resource_role      varchar(16),
    resource_type      varchar(64),
    resource_id        varchar(256),
    instance_id        varchar(64),
    instance_type      varchar(64),
    image_id           varchar(128),
    ak_access_key_id   varchar(128),
    ak_principal_id    varchar(256),
    ak_user_name       varchar(256),
    ak_user_type       varchar(64),
    action_type        varchar(64),
    nc_blocked         boolean,
    nc_direction       varchar(16),
    nc_protocol        varchar(16),
    nc_local_port      integer,
    nc_remote_port     integer,
    nc_local_ip        varchar(64),
    nc_remote_ip       varchar(64),
    nc_remote_country  varchar(128),
    nc_remote_asn      varchar(32),
    api_name           varchar(128),
    api_caller_type    varchar(64),
    api_service_name   varchar(128),
    api_error_code     varchar(128),
    api_remote_ip      varchar(64),
    dns_domain         varchar(512),
    threat_list_name   varchar(256),
    user_feedback      varchar(16),
    export_pending     boolean          not null default false,
    exported_at        timestamptz,
    doc                jsonb            not null
);
create unique index finding_seq_idx on finding (seq);
create index finding_scope_updated_idx on finding (account_id, region, updated_at desc, id);
create index finding_scope_seq_idx on finding (account_id, region, seq);
create index finding_scope_severity_idx on finding (account_id, region, severity desc, id);
create index finding_scope_type_idx on finding (account_id, region, type);
create index finding_updated_idx on finding (updated_at);
create index finding_export_idx on finding (export_pending) where export_pending;
create index finding_instance_idx on finding (instance_id) where instance_id is not null;
create index finding_access_key_idx on finding (ak_access_key_id) where ak_access_key_id is not null;
create index finding_remote_ip_idx on finding (nc_remote_ip) where nc_remote_ip is not null;

-- Filters (suppression rules when action = ARCHIVE), per account and region.
create table finding_filter (
    account_id   varchar(12)  not null,
    region       varchar(32)  not null,
    name         varchar(64)  not null,
    description  varchar(512),
    action       varchar(16)  not null,
    rank         integer      not null,
    criteria     jsonb        not null,
    tags         jsonb,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    version      integer      not null default 1,
    primary key (account_id, region, name)
);

-- Publishing destinations (S3, and the Vigil extension WEBHOOK).
create table publishing_destination (
    id                     varchar(64)  primary key,
    account_id             varchar(12)  not null,
    region                 varchar(32)  not null,
    destination_type       varchar(16)  not null,
    destination_arn        varchar(2048) not null,
    kms_key_arn            varchar(2048),
    status                 varchar(64)  not null,
    failure_start_ms       bigint       not null default 0,
    tags                   jsonb,
    created_at             timestamptz  not null
);
create index publishing_destination_scope_idx on publishing_destination (account_id, region);

-- Webhook deliveries that failed after the last retry.
create table webhook_dead_letter (
    id              bigserial    primary key,
    account_id      varchar(12)  not null,
    destination_id  varchar(64)  not null,
    finding_id      varchar(64)  not null,
    payload         text         not null,
    error           varchar(2048) not null,
    attempts        integer      not null,
    failed_at       timestamptz  not null
);

-- UpdateFindingsFeedback: the latest feedback and comments of an account on a finding.
create table finding_feedback (
    account_id  varchar(12)  not null,
    finding_id  varchar(64)  not null,
    feedback    varchar(16)  not null,
    comments    text,
    given_at    timestamptz  not null,
    primary key (account_id, finding_id)
);
