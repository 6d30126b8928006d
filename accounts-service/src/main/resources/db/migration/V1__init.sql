-- accounts-service schema: every table carries account_id, the owning tenant.

-- One detector per account per region (GuardDuty's rule).
create table detector (
    detector_id varchar(32) primary key,
    account_id varchar(12) not null,
    region varchar(32) not null,
    status varchar(16) not null,
    finding_publishing_frequency varchar(32) not null,
    features text not null,
    tags text not null,
    client_token varchar(64),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint detector_account_region_uk unique (account_id, region)
);

-- Administrator/member relationships: account_id is the administrator, member_account_id the member.
create table membership (
    id bigserial primary key,
    account_id varchar(12) not null,
    region varchar(32) not null,
    member_account_id varchar(12) not null,
    email varchar(64) not null,
    relationship_status varchar(32) not null,
    invitation_id varchar(32),
    invited_at timestamp with time zone,
    invitation_hidden boolean not null default false,
    updated_at timestamp with time zone not null,
    constraint membership_uk unique (account_id, region, member_account_id)
);
create index membership_member_idx on membership (member_account_id, region);

-- IPSets (kind IPSET) and ThreatIntelSets (kind THREAT): metadata plus parsed content.
create table threat_list (
    list_id varchar(32) primary key,
    account_id varchar(12) not null,
    region varchar(32) not null,
    detector_id varchar(32) not null,
    kind varchar(8) not null,
    name varchar(300) not null,
    format varchar(16) not null,
    location varchar(300) not null,
    status varchar(16) not null,
    activate boolean not null,
    error_reason varchar(1000),
    tags text not null,
    cidrs text,
    domains text,
    entry_count integer not null default 0,
    bad_entries text,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index threat_list_account_idx on threat_list (account_id, region, kind);

-- Usage per account, region, data source, resource and UTC hour, summed from vigil.usage.v1.
create table usage_record (
    event_id varchar(64) primary key,
    account_id varchar(12) not null,
    region varchar(32) not null,
    data_source varchar(32) not null,
    resource_id varchar(256),
    hour_start timestamp with time zone not null,
    bytes bigint not null,
    events bigint not null
);
create index usage_account_idx on usage_record (account_id, region, hour_start);

-- Monotonic versions for AccountState and ThreatListState events.
create sequence state_version;
