-- The report panel sums a domain's roll-up rows over up to 365 days: 50 senders make 18,250 rows of
-- report_daily a year. Rows of one domain are spread over the table (reports of all domains arrive each day), so
-- reading them from the heap touched ~6,000 pages and took ~50 ms per query. With every column the panel's
-- queries read in the index, PostgreSQL answers them from the index alone (index-only scans, once vacuum has
-- marked the pages all-visible, which autovacuum does for the settled past days).
create index report_daily_by_domain_day on report_daily (tenant_id, domain, day)
    include (organization_name, reports, successful_sessions, failed_sessions);

create index report_daily_failure_by_domain_day on report_daily_failure (tenant_id, domain, day)
    include (organization_name, result_type, receiving_mx_hostname, receiving_ip, failed_sessions);
