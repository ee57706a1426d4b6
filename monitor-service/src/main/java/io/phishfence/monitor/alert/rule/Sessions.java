package io.phishfence.monitor.alert.rule;

/** Successful and failed TLS sessions, as a report summary counts them. */
public record Sessions(long successful, long failed) {

    public static final Sessions NONE = new Sessions(0, 0);

    public long total() {
        return successful + failed;
    }

    /** Failed share of all sessions, 0 when there were none. */
    public double failureRatio() {
        return total() == 0 ? 0 : (double) failed / total();
    }

    public Sessions plus(Sessions other) {
        return new Sessions(successful + other.successful, failed + other.failed);
    }
}
