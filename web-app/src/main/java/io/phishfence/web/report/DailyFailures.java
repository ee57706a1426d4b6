package io.phishfence.web.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * One row of the daily failure roll-up: a sender's failed sessions for a domain on a day, by result type and
 * receiving MX host and IP (empty where the sender left them out).
 */
@Entity
@Immutable
@Table(name = "report_daily_failure")
public class DailyFailures extends DailyRollup {

    @Column(name = "result_type")
    public String resultType;

    @Column(name = "receiving_mx_hostname")
    public String receivingMxHostname;

    @Column(name = "receiving_ip")
    public String receivingIp;

    @Column(name = "failed_sessions")
    public long failedSessions;
}
