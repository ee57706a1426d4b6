-- The domains this instance's partitions of phishfence.domains hold, rebuilt from the compacted topic.
create table monitored_domain (
    tenant_id   text not null,
    name        text not null,
    added_at    timestamptz not null,
    primary key (tenant_id, name)
);
