package io.phishfence.web.alert.digest;

import io.phishfence.events.AlertRaised;
import java.net.IDN;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * What one digest e-mail shows: the alerts and resolved notices since the recipient's last digest, grouped by
 * domain (in order of the domain's name as people read it), each domain's notices in the order they happened.
 * Built from stored rows by a pure function, so the grouping is tested without a mail server.
 */
public record DigestMail(LocalDate day, List<DomainSection> domains, int raised, int resolved, String recipientsUrl) {

    /** One stored notice of the digest, as the database gives it. */
    public record Entry(String kind, String domain, String rule, String severity, String title, String summary,
            List<AlertRaised.Evidence> evidence, String advice, Instant occurredAt) {

        boolean isResolved() {
            return "resolved".equals(kind);
        }
    }

    /** The links of one notice; absolute, since the mail is read far from the app. */
    public record Links(String domainUrl, String historyUrl, String muteUrl) {
    }

    /** The notices of one domain. */
    public record DomainSection(String displayDomain, String domainUrl, String historyUrl, List<Item> items) {
    }

    /** One notice as the mail shows it. */
    public record Item(boolean resolved, String severity, String title, String summary,
            List<AlertRaised.Evidence> evidence, String advice, Instant occurredAt, String muteUrl) {
    }

    /**
     * Groups the entries by domain.
     *
     * @param links the links of an entry (the mute link names the entry's rule and domain)
     */
    public static DigestMail of(LocalDate day, List<Entry> entries, Function<Entry, Links> links, String recipientsUrl) {
        var byDomain = new LinkedHashMap<String, List<Entry>>();
        entries.stream().sorted(Comparator.comparing((Entry e) -> displayDomain(e.domain()))
                .thenComparing(Entry::occurredAt))
                .forEach(e -> byDomain.computeIfAbsent(e.domain(), d -> new ArrayList<>()).add(e));
        var sections = new ArrayList<DomainSection>();
        byDomain.forEach((domain, notices) -> {
            var first = links.apply(notices.get(0));
            sections.add(new DomainSection(displayDomain(domain), first.domainUrl(), first.historyUrl(),
                    notices.stream().map(e -> new Item(e.isResolved(), e.severity(), e.title(), e.summary(),
                            e.evidence(), e.advice(), e.occurredAt(), links.apply(e).muteUrl())).toList()));
        });
        int resolved = (int) entries.stream().filter(Entry::isResolved).count();
        return new DigestMail(day, List.copyOf(sections), entries.size() - resolved, resolved, recipientsUrl);
    }

    /** The subject: the day and the counts, so the inbox list already tells how much happened. */
    public String subject() {
        var parts = new ArrayList<String>();
        if (raised > 0) {
            parts.add(raised + (raised == 1 ? " alert" : " alerts"));
        }
        if (resolved > 0) {
            parts.add(resolved + " resolved");
        }
        int count = domains.size();
        return "[PhishFence] Daily digest of " + day + ": " + String.join(", ", parts) + " on " + count
                + (count == 1 ? " domain" : " domains");
    }

    private static String displayDomain(String aLabel) {
        return IDN.toUnicode(aLabel, IDN.ALLOW_UNASSIGNED);
    }
}
