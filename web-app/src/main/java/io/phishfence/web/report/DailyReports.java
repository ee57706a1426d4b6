package io.phishfence.web.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** One row of the daily roll-up: a sender's report count and sessions for a domain on a day. */
@Entity
@Immutable
@Table(name = "report_daily")
public class DailyReports extends DailyRollup {

    public long reports;

    @Column(name = "successful_sessions")
    public long successfulSessions;

    @Column(name = "failed_sessions")
    public long failedSessions;
}
