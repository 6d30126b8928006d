-- Long-lived SigV4 access keys (issue 25, item 2), IAM's AccessKey: the secret is stored sealed with the operator's
-- stack key (AES-256-GCM bound to the access key ID), never in clear and not hashed (SigV4 verification needs the
-- secret itself); a dump of this table gives no usable secret without VIGIL_SIGV4_STACK_KEY.
create table access_key (
    access_key_id varchar(20) primary key,
    account_id varchar(12) not null,
    user_name varchar(255) not null,
    subject varchar(255),
    roles text not null,
    sealed_secret text not null,
    status varchar(8) not null,
    created_at timestamp with time zone not null,
    version bigint not null
);
create index access_key_owner_idx on access_key (account_id, user_name);
