-- The DKIM selectors a public check was asked with (space-separated, validated, at most a few): DKIM keys cannot be
-- listed from DNS, so the result page says which selectors were looked at and offers to check again with others.
alter table public_check add column dkim_selectors text not null default '';
