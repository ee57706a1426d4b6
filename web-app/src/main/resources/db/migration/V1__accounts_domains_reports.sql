-- A customer account: one organization with its members and its secret rua token.
-- Tenant ids are UUIDs kept as text: Hibernate's tenant discriminator compares them as strings.
create table tenant (
    id          text primary key,
    name        text not null,
    rua_token   text not null unique,
    created_at  timestamptz not null
);

-- A person who logs in. Not tenant-scoped by Hibernate: log-in looks users up by e-mail.
create table account (
    id             uuid primary key,
    tenant_id      text not null references tenant (id),
    email          text not null unique,
    password_hash  text not null,
    created_at     timestamptz not null
);
create index account_tenant on account (tenant_id);

create table domain (
    id          uuid primary key,
    tenant_id   text not null references tenant (id),
    name        text not null,
    created_at  timestamptz not null,
    unique (tenant_id, name)
);

-- One stored TLS report. The natural key makes a report that arrives twice (or by both channels) one row.
create table tls_report (
    id                   uuid primary key,
    tenant_id            text not null references tenant (id),
    policy_domain        text,
    organization_name    text not null,
    report_id            text not null,
    start_at             timestamptz not null,
    end_at               timestamptz not null,
    channel              text not null,
    received_at          timestamptz not null,
    successful_sessions  bigint not null,
    failed_sessions      bigint not null,
    report_json          text not null,
    raw_content_type     text not null,
    raw                  bytea not null,
    unique (tenant_id, organization_name, report_id, start_at, end_at)
);
create index tls_report_domain on tls_report (tenant_id, policy_domain, start_at desc);

-- Events written in the same transaction as the change they announce; a relay publishes them to Kafka.
create table outbox (
    id          bigserial primary key,
    topic       text not null,
    message_key text not null,
    payload     bytea,
    created_at  timestamptz not null
);
