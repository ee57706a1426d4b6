-- Session revocation (ADR 0011): every session carries its account's session stamp in a cookie beside the
-- encrypted log-in cookie; a new password draws a new stamp, and every session with the old one ends.
-- Accounts that exist already draw one now (their open sessions end once, at this upgrade).
-- gen_random_uuid() draws from the server's strong random source: two give 244 random bits. The default
-- is evaluated per row, for the accounts there are and for any inserted without a stamp.
alter table account add column session_stamp text not null
    default replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');

-- An API token acts with its creator's role (ADR 0011), and ends with its creator's account: a removed
-- member's tokens stop working with their sessions. Tokens whose creator is gone already act as members.
alter table api_token add column created_by_account uuid references account (id) on delete cascade;
update api_token t set created_by_account = a.id from account a where a.email = t.created_by and a.tenant_id = t.tenant_id;

-- An owner can withdraw an invitation; its link then says so.
alter table invitation add column revoked_at timestamptz;
