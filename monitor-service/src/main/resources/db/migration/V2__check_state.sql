-- The status of each component at the last check of each domain, to mark regressions and recoveries.
create table check_state (
    tenant_id   text not null,
    domain      text not null,
    component   text not null,
    status      text not null,
    checked_at  timestamptz not null,
    primary key (tenant_id, domain, component)
);
