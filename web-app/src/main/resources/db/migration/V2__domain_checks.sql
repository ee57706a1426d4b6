-- The latest check of each domain, as monitor-service published it (domain.checked, JSON).
create table domain_check (
    id          uuid primary key,
    tenant_id   text not null references tenant (id),
    domain      text not null,
    checked_at  timestamptz not null,
    result_json text not null,
    unique (tenant_id, domain)
);

-- Every change of a component's status: the domain's security history.
create table domain_check_change (
    id          uuid primary key,
    tenant_id   text not null references tenant (id),
    domain      text not null,
    checked_at  timestamptz not null,
    component   text not null,
    from_status text,
    to_status   text not null,
    unique (tenant_id, domain, checked_at, component)
);
create index domain_check_change_domain on domain_check_change (tenant_id, domain, checked_at desc);
