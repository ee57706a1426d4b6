package io.phishfence.monitor.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Thresholds of the alert rules ({@code phishfence.monitor.alerts.*}); ADR 0006 explains each rule. */
@ConfigMapping(prefix = "phishfence.monitor.alerts")
public interface AlertConfig {

    /** The consumer group all instances share on the report and check topics, to evaluate the rules. */
    @WithDefault("monitor-alerts")
    String group();

    Spike spike();

    interface Spike {
        /** Failed sessions a day needs at least to be a spike. */
        @WithDefault("10")
        long minFailed();

        /** How many times the usual (median) failure ratio a day's ratio must be. */
        @WithDefault("3")
        double factor();

        /** How many percentage points above the usual ratio a day's ratio must be. */
        @WithDefault("5")
        double minPoints();

        /** How many days before the day make up its usual ratio. */
        @WithDefault("14")
        int baselineDays();
    }

    /** A failure result type is new when no report of this many previous days mentioned it. */
    @WithDefault("30")
    int newTypeLookbackDays();

    /** Failed sessions a sender needs at least, all failed, to be a sender-wide failure. */
    @WithDefault("5")
    long senderWideMinFailed();

    ReportsStopped reportsStopped();

    interface ReportsStopped {
        /** Complete days without reports that make reports "stopped". */
        @WithDefault("3")
        int silentDays();

        /** Days in a row with reports that make a domain a daily reporter. */
        @WithDefault("7")
        int dailyDays();

        /** How often this instance looks for silent domains among the domains it owns. */
        @WithDefault("1h")
        Duration every();
    }

    /** Warning finding codes that alert like errors (errors always alert). */
    @WithDefault("MTA_STS_MX_NOT_COVERED,MX_CERT_EXPIRES_SOON,MX_STARTTLS_MISSING,MX_MTA_STS_WILL_FAIL")
    Set<String> warningCodes();

    /** How long day roll-ups are kept; longer than any rule looks back. */
    @WithDefault("45")
    int keepDays();
}
