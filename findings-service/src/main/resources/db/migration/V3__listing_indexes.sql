-- ListFindings sorts by "column <dir>, id <dir>" (both in the same direction) and pages with the row comparison
-- "(column, id) < (?, ?)". Indexes with column and id in the same direction serve both directions (a backward scan
-- for DESC) and the page position as an index range. The V1 indexes had "updated_at desc, id" and "severity desc,
-- id": for DESC the id tie-break needed a sort of every row of the first value (all of a severity), and a page deep
-- in the listing was a filter over the rows before it. Measured with the ListFindings benchmark (BENCHMARKS.md).
drop index finding_scope_updated_idx;
create index finding_scope_updated_idx on finding (account_id, region, updated_at, id);
drop index finding_scope_severity_idx;
create index finding_scope_severity_idx on finding (account_id, region, severity, id);
-- type Eq in the default order (seq, the order findings arrived) reads the first page straight from the index.
drop index finding_scope_type_idx;
create index finding_scope_type_idx on finding (account_id, region, type, seq);
-- Resource and network criteria (instance ID, access key ID, remote IP) within the caller's accounts and region: one
-- index range instead of ANDing a global index with the scope index (33 ms for a 45,000-finding account).
drop index finding_instance_idx;
create index finding_instance_idx on finding (account_id, region, instance_id, seq) where instance_id is not null;
drop index finding_access_key_idx;
create index finding_access_key_idx on finding (account_id, region, ak_access_key_id, seq) where ak_access_key_id is not null;
drop index finding_remote_ip_idx;
create index finding_remote_ip_idx on finding (account_id, region, nc_remote_ip, seq) where nc_remote_ip is not null;
