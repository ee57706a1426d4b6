-- Alerts (ADR 0006). Every counted report, by its natural key: a report that arrives twice counts once.
create table report_seen (
    tenant_id          text not null,
    organization_name  text not null,
    report_id          text not null,
    start_at           timestamptz not null,
    end_at             timestamptz not null,
    counted_at         timestamptz not null,
    primary key (tenant_id, organization_name, report_id, start_at, end_at)
);

-- Sessions per domain, UTC day (the day a report's range starts) and reporting organization.
create table report_day (
    tenant_id          text not null,
    domain             text not null,
    day                date not null,
    organization_name  text not null,
    successful         bigint not null,
    failed             bigint not null,
    primary key (tenant_id, domain, day, organization_name)
);

-- Failed sessions per domain, day and RFC 8460 result type.
create table report_day_failure (
    tenant_id    text not null,
    domain       text not null,
    day          date not null,
    result_type  text not null,
    failed       bigint not null,
    primary key (tenant_id, domain, day, result_type)
);

-- The alerting finding codes of each domain's last check: regressions are codes that were not here.
create table alert_check_state (
    tenant_id   text not null,
    domain      text not null,
    checked_at  timestamptz not null,
    codes       text not null,
    primary key (tenant_id, domain)
);

-- Every alert raised, by identity; open ones are state alerts that a recovery will resolve.
create table alert_log (
    tenant_id    text not null,
    alert_id     text not null,
    domain       text not null,
    rule         text not null,
    subject      text not null,
    occurrence   text not null,
    severity     text not null,
    raised_at    timestamptz not null,
    open         boolean not null,
    resolved_at  timestamptz,
    primary key (tenant_id, alert_id)
);
create index alert_log_open on alert_log (tenant_id, domain, rule) where open;
