package io.phishfence.monitor.check;

import java.util.Objects;

/**
 * One thing a check found: a stable code (for alerts, history and the API), a severity, a sentence a
 * non-expert understands, and, where one exists, exactly what to publish instead.
 *
 * @param code stable, upper snake case, prefixed by the component ({@code MTA_STS_POLICY_REDIRECT})
 * @param fix the record or file to publish, or null when there is nothing to publish
 */
public record Finding(String code, Severity severity, String message, String fix) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(String code, String message, String fix) {
        return new Finding(code, Severity.ERROR, message, fix);
    }

    public static Finding warning(String code, String message, String fix) {
        return new Finding(code, Severity.WARNING, message, fix);
    }

    public static Finding info(String code, String message) {
        return new Finding(code, Severity.INFO, message, null);
    }
}
