-- Alerts from monitor-service (ADR 0006): each raised or resolved notice once, by identity and severity.
create table alert (
    id             uuid primary key,
    seq            bigserial not null,
    tenant_id      text not null references tenant (id),
    alert_id       text not null,
    kind           text not null,
    domain         text not null,
    rule           text not null,
    subject        text not null,
    severity       text not null,
    title          text not null,
    summary        text not null,
    evidence_json  text not null,
    advice         text,
    occurred_at    timestamptz not null,
    received_at    timestamptz not null,
    -- mail: recipients were given deliveries; cooldown: a like alert was mailed recently; silent: not mailed
    notice         text not null,
    unique (tenant_id, alert_id, kind, severity)
);
create index alert_history on alert (tenant_id, domain, received_at desc);
create index alert_cooldown on alert (tenant_id, domain, rule, received_at desc) where kind = 'raised' and notice = 'mail';

-- One e-mail of an alert to one recipient: stored first, sent from here, marked sent; failures wait and retry.
create table alert_delivery (
    id               uuid primary key,
    seq              bigserial not null,
    tenant_id        text not null references tenant (id),
    alert_ref        uuid not null references alert (id),
    recipient        text not null,
    -- pending, sent, muted
    status           text not null,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz,
    last_error       text,
    sent_at          timestamptz,
    unique (alert_ref, recipient)
);
create index alert_delivery_due on alert_delivery (next_attempt_at, seq) where status = 'pending';

-- A recipient muted one rule for one domain with the signed link of an alert e-mail.
create table alert_mute (
    tenant_id  text not null references tenant (id),
    domain     text not null,
    rule       text not null,
    recipient  text not null,
    muted_at   timestamptz not null,
    primary key (tenant_id, domain, rule, recipient)
);
