package io.phishfence.monitor.spf;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SPF component (RFC 7208): exactly one {@code v=spf1} record, valid terms, at most 10 DNS-querying terms
 * counted through every include and redirect (4.6.4), at most 2 of them void (4.6.4: answered with no records or
 * NXDOMAIN), and a closing {@code all} that is not {@code +all}.
 */
public final class SpfCheck {

    public static final String COMPONENT = "spf";
    static final int LOOKUP_LIMIT = 10;
    static final int VOID_LOOKUP_LIMIT = 2;
    private static final Pattern MECHANISM = Pattern.compile(
            "^[+\\-~?]?(all|include:.+|a(:.+)?(/\\d+)?|mx(:.+)?(/\\d+)?|ptr(:.+)?|ip4:.+|ip6:.+|exists:.+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MODIFIER = Pattern.compile("^[a-z][a-z0-9_.-]*=.*$", Pattern.CASE_INSENSITIVE);

    private final Dns dns;

    public SpfCheck(Dns dns) {
        this.dns = dns;
    }

    public ComponentResult run(String domain) {
        String fix = "v=spf1 mx -all";
        DnsAnswer<String> answer = dns.txt(domain);
        if (answer instanceof DnsAnswer.Failed<String> failed) {
            return ComponentResult.of(COMPONENT, List.of(Finding.warning("SPF_DNS_FAILED", "The SPF record could not "
                    + "be looked up (" + failed.reason() + "); the next check tries again.", null)));
        }
        List<String> records = spfRecords(answer.valuesOrEmpty());
        if (records.isEmpty()) {
            return ComponentResult.missing(COMPONENT, List.of(Finding.warning("SPF_RECORD_MISSING", "No SPF record: "
                    + "receivers cannot tell which servers may send mail for this domain. If it sends no mail, publish "
                    + "v=spf1 -all.", fix)));
        }
        if (records.size() > 1) {
            return ComponentResult.of(COMPONENT, List.of(Finding.error("SPF_MULTIPLE_RECORDS", "There are "
                    + records.size() + " SPF records; receivers then fail every check (RFC 7208 4.5). Merge them "
                    + "into one.", null)));
        }
        var findings = new ArrayList<Finding>();
        String record = records.get(0);
        var walk = new Walk();
        walk.count(domain, record, findings, 0);
        if (walk.lookups > LOOKUP_LIMIT) {
            findings.add(Finding.error("SPF_TOO_MANY_LOOKUPS", "Checking this SPF record takes " + walk.lookups
                    + " DNS look-ups (include, a, mx, ptr, exists, redirect, counted through every include); receivers "
                    + "stop at 10 and fail the check. Replace includes by ip4:/ip6: ranges or drop unused ones.", null));
        }
        if (walk.voids.size() > VOID_LOOKUP_LIMIT) {
            findings.add(Finding.error("SPF_TOO_MANY_VOID_LOOKUPS", "Checking this SPF record leads to "
                    + walk.voids.size() + " names that do not exist or have no records (" + String.join(", ", walk.voids)
                    + "); receivers stop after 2 such look-ups and fail the check (RFC 7208 4.6.4). Remove the "
                    + "mechanisms that name them.", null));
        }
        String all = terms(record).stream().filter(t -> t.toLowerCase(Locale.ROOT).matches("^[+\\-~?]?all$"))
                .findFirst().orElse(null);
        boolean redirect = terms(record).stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).startsWith("redirect="));
        if (all == null && !redirect) {
            findings.add(Finding.warning("SPF_NO_ALL", "The SPF record does not end in -all or ~all, so mail from any "
                    + "other server is \"neutral\" rather than failing.", record + " ~all"));
        } else if (all != null && (all.equals("all") || all.startsWith("+"))) {
            findings.add(Finding.error("SPF_PASS_ALL", "The SPF record ends in +all: every server on the internet may "
                    + "send mail as this domain.", record.replaceAll("(?i)\\+?all\\b", "-all")));
        } else if (all != null && all.startsWith("?")) {
            findings.add(Finding.warning("SPF_NEUTRAL_ALL", "The SPF record ends in ?all, which tells receivers "
                    + "nothing about other servers. Use ~all or -all.", record.replace("?all", "~all")));
        }
        return ComponentResult.of(COMPONENT, findings);
    }

    /** Counts the DNS-querying terms of a record and of everything it includes or redirects to. */
    private final class Walk {
        int lookups;
        /** The names whose look-up came back empty or NXDOMAIN, in the order a receiver meets them. */
        final List<String> voids = new ArrayList<>();
        final Set<String> visited = new HashSet<>();

        void count(String domain, String record, List<Finding> findings, int depth) {
            if (!visited.add(domain.toLowerCase(Locale.ROOT)) || depth > LOOKUP_LIMIT) {
                return;
            }
            for (String term : terms(record)) {
                String lower = term.toLowerCase(Locale.ROOT).replaceFirst("^[+\\-~?]", "");
                if (depth == 0 && !MECHANISM.matcher(term).matches() && !MODIFIER.matcher(term).matches()) {
                    findings.add(Finding.error("SPF_SYNTAX", "\"" + term + "\" is not an SPF mechanism or modifier; "
                            + "receivers fail the whole record (permerror).", null));
                    continue;
                }
                if (lower.startsWith("ptr") && depth == 0) {
                    findings.add(Finding.warning("SPF_PTR_USED", "The ptr mechanism is slow and unreliable; RFC 7208 "
                            + "5.5 says not to use it.", null));
                }
                if (lower.startsWith("include:") || lower.startsWith("redirect=")) {
                    lookups++;
                    String target = lower.substring(lower.indexOf(lower.startsWith("include:") ? ':' : '=') + 1);
                    DnsAnswer<String> answer = dns.txt(target);
                    noteVoid(target, answer);
                    List<String> included = spfRecords(answer.valuesOrEmpty());
                    if (included.size() != 1) {
                        findings.add(Finding.error("SPF_INCLUDE_BROKEN", "The SPF record refers to " + target
                                + ", which has " + (included.isEmpty() ? "no" : "more than one") + " SPF record; "
                                + "receivers fail the check (permerror).", null));
                    } else {
                        count(target, included.get(0), findings, depth + 1);
                    }
                } else if (lower.equals("a") || lower.startsWith("a:") || lower.startsWith("a/") || lower.equals("mx")
                        || lower.startsWith("mx:") || lower.startsWith("mx/") || lower.startsWith("ptr")
                        || lower.startsWith("exists:")) {
                    lookups++;
                    countVoid(domain, lower);
                }
            }
        }

        /**
         * Asks what a receiver would ask for an a, mx or exists term. Terms with macros depend on the message and
         * ptr on the client's address, so those are not asked.
         */
        private void countVoid(String domain, String term) {
            if (term.contains("%") || term.startsWith("ptr")) {
                return;
            }
            String name = term.contains(":") ? term.substring(term.indexOf(':') + 1) : domain;
            int cidr = name.indexOf('/');
            name = cidr >= 0 ? name.substring(0, cidr) : name;
            noteVoid(name, term.startsWith("mx") ? dns.mx(name) : dns.addresses(name));
        }

        private void noteVoid(String name, DnsAnswer<?> answer) {
            if (answer instanceof DnsAnswer.NoSuchName<?>
                    || answer instanceof DnsAnswer.Found<?> found && found.values().isEmpty()) {
                voids.add(name);
            }
        }
    }

    private static List<String> spfRecords(List<String> txt) {
        return txt.stream().map(String::strip)
                .filter(r -> r.toLowerCase(Locale.ROOT).equals("v=spf1") || r.toLowerCase(Locale.ROOT).startsWith("v=spf1 "))
                .toList();
    }

    private static List<String> terms(String record) {
        var all = new ArrayList<>(List.of(record.strip().split("\\s+")));
        all.remove(0);
        return all;
    }
}
