-- How each recipient of a tenant takes its alert e-mails (ADR 0013): no row means immediately.
create table alert_delivery_mode (
    tenant_id   text not null references tenant (id),
    recipient   text not null,
    mode        text not null check (mode in ('immediate', 'digest')),
    changed_at  timestamptz not null,
    primary key (tenant_id, recipient)
);

-- One daily digest e-mail to one recipient: at most one per recipient and UTC day, whichever web instance
-- assembles it. Sent and retried like a single alert e-mail (pending -> sent; cancelled when nothing is left in it).
create table alert_digest (
    id               uuid primary key,
    seq              bigserial not null,
    tenant_id        text not null references tenant (id),
    recipient        text not null,
    day              date not null,
    status           text not null,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz,
    last_error       text,
    sent_at          timestamptz,
    created_at       timestamptz not null,
    unique (tenant_id, recipient, day)
);
create index alert_digest_due on alert_digest (next_attempt_at, seq) where status = 'pending';

-- A delivery with status 'digest' waits for its recipient's next digest; once assembled, it names that digest.
-- 'cancelled': the recipient left the team or the domain's extra addresses before it was sent.
alter table alert_delivery add column digest_ref uuid references alert_digest (id);
alter table alert_delivery add column digest_day date;
create index alert_delivery_awaiting_digest on alert_delivery (tenant_id, recipient)
    where status = 'digest' and digest_ref is null;
create index alert_delivery_in_digest on alert_delivery (digest_ref) where digest_ref is not null;
