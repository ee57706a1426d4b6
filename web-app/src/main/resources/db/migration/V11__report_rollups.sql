-- Daily roll-ups of stored reports, kept by ReportStore in the transaction that stores each report, so that
-- dashboards and summaries read a few rows per day instead of every report of a year.
-- day: the UTC date on which the report's date range starts.
create table report_daily (
    id                   bigserial primary key,
    tenant_id            text not null references tenant (id),
    domain               text not null,
    day                  date not null,
    organization_name    text not null,
    reports              bigint not null,
    successful_sessions  bigint not null,
    failed_sessions      bigint not null,
    unique (tenant_id, domain, day, organization_name)
);
create index report_daily_tenant_day on report_daily (tenant_id, day);

-- Failed sessions by result type and receiving MX host / IP ('' where the sender left it out).
create table report_daily_failure (
    id                     bigserial primary key,
    tenant_id              text not null references tenant (id),
    domain                 text not null,
    day                    date not null,
    organization_name      text not null,
    result_type            text not null,
    receiving_mx_hostname  text not null,
    receiving_ip           text not null,
    failed_sessions        bigint not null,
    unique (tenant_id, domain, day, organization_name, result_type, receiving_mx_hostname, receiving_ip)
);

-- Reports stored before the roll-ups existed.
insert into report_daily (tenant_id, domain, day, organization_name, reports, successful_sessions, failed_sessions)
select tenant_id, policy_domain, (start_at at time zone 'UTC')::date, organization_name, count(*),
       sum(successful_sessions), sum(failed_sessions)
from tls_report
where policy_domain is not null
group by 1, 2, 3, 4;

insert into report_daily_failure (tenant_id, domain, day, organization_name, result_type, receiving_mx_hostname,
                                  receiving_ip, failed_sessions)
select r.tenant_id, r.policy_domain, (r.start_at at time zone 'UTC')::date, r.organization_name,
       coalesce(d ->> 'result-type', ''), coalesce(d ->> 'receiving-mx-hostname', ''), coalesce(d ->> 'receiving-ip', ''),
       sum(coalesce((d ->> 'failed-session-count')::bigint, 0))
from tls_report r,
     jsonb_array_elements(r.report_json::jsonb -> 'policies') p,
     jsonb_array_elements(coalesce(p -> 'failure-details', '[]'::jsonb)) d
where r.policy_domain is not null
group by 1, 2, 3, 4, 5, 6, 7;
