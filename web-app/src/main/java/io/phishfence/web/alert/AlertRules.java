package io.phishfence.web.alert;

import io.phishfence.events.AlertRaised;
import java.util.List;

/** The rules monitor-service raises alerts by, as a recipient chooses among them. */
public final class AlertRules {

    /** A rule's name on the wire and what a person reads. */
    public record Rule(String name, String label) {
    }

    public static final List<Rule> ALL = List.of(
            new Rule(AlertRaised.RULE_FAILURE_SPIKE, "TLS failures spike"),
            new Rule(AlertRaised.RULE_NEW_FAILURE_TYPE, "A new kind of TLS failure"),
            new Rule(AlertRaised.RULE_SENDER_WIDE_FAILURE, "A sender fails every session"),
            new Rule(AlertRaised.RULE_REPORTS_STOPPED, "TLS reports stop arriving"),
            new Rule(AlertRaised.RULE_CHECK_REGRESSION, "A check of the domain regresses"));

    private AlertRules() {
    }

    public static boolean isRule(String name) {
        return ALL.stream().anyMatch(rule -> rule.name().equals(name));
    }
}
