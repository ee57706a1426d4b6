package io.phishfence.monitor.check;

import java.util.Comparator;
import java.util.List;

/**
 * The verdict on one component of a domain's e-mail security stack (TLS-RPT, MTA-STS, ...).
 *
 * @param status the worst severity among the findings ({@link Status#OK} when there are none), or
 *        {@link Status#MISSING} when the component is not deployed at all
 */
public record ComponentResult(String component, Status status, List<Finding> findings) {

    public enum Status {
        OK, WARNING, ERROR, MISSING
    }

    public ComponentResult {
        findings = List.copyOf(findings);
    }

    /** The status that the findings imply. */
    public static ComponentResult of(String component, List<Finding> findings) {
        Severity worst = findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(Severity.OK);
        Status status = switch (worst) {
            case ERROR -> Status.ERROR;
            case WARNING -> Status.WARNING;
            case OK, INFO -> Status.OK;
        };
        return new ComponentResult(component, status, findings);
    }

    public static ComponentResult missing(String component, List<Finding> findings) {
        return new ComponentResult(component, Status.MISSING, findings);
    }
}
