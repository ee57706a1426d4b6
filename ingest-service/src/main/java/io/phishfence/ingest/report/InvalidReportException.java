package io.phishfence.ingest.report;

import java.util.List;

/** The input is not a valid TLS report; {@link #violations()} names every offending field. */
public class InvalidReportException extends Exception {

    private final List<Violation> violations;

    public InvalidReportException(List<Violation> violations) {
        super(violations.size() == 1 ? violations.get(0).toString() : violations.size() + " problems: " + violations);
        this.violations = List.copyOf(violations);
    }

    public InvalidReportException(String field, String problem) {
        this(List.of(new Violation(field, problem)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /**
     * One problem with the input.
     *
     * @param field a JSON pointer to the field ("" for the whole document)
     */
    public record Violation(String field, String problem) {
        @Override
        public String toString() {
            return (field.isEmpty() ? "report" : field) + ": " + problem;
        }
    }
}
