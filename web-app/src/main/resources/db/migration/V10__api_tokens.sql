-- Per-tenant API tokens. Only a SHA-256 of each token is kept: the token itself is shown once, at creation.
-- (A fast hash is enough: tokens carry 256 random bits, so there is nothing to guess offline.)
create table api_token (
    id            uuid primary key,
    tenant_id     text not null references tenant (id),
    name          text not null,
    token_hash    text not null unique,
    -- The first characters of the token, so that people can tell their tokens apart.
    token_prefix  text not null,
    created_at    timestamptz not null,
    created_by    text not null,
    last_used_at  timestamptz
);
create index api_token_tenant on api_token (tenant_id, created_at);
