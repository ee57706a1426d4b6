package io.phishfence.monitor.dmarc;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DMARC component (RFC 7489): fetch {@code _dmarc.<domain>} → parse the tag list → evaluate the policy.
 * Parsing is {@link #evaluate}, pure over the TXT strings.
 */
public final class DmarcCheck {

    public static final String COMPONENT = "dmarc";

    private final Dns dns;

    public DmarcCheck(Dns dns) {
        this.dns = dns;
    }

    public ComponentResult run(String domain) {
        DnsAnswer<String> answer = dns.txt("_dmarc." + domain);
        if (answer instanceof DnsAnswer.Failed<String> failed) {
            return ComponentResult.of(COMPONENT, List.of(Finding.warning("DMARC_DNS_FAILED", "The DMARC record could "
                    + "not be looked up (" + failed.reason() + "); the next check tries again.", null)));
        }
        return evaluate(domain, answer.valuesOrEmpty());
    }

    /** Pure: the TXT records at {@code _dmarc.<domain>} in, the component's verdict out. */
    public static ComponentResult evaluate(String domain, List<String> txtRecords) {
        String start = "v=DMARC1; p=none; rua=mailto:dmarc-reports@" + domain;
        List<String> records = txtRecords.stream().filter(r -> r.strip().startsWith("v=DMARC1")).toList();
        if (records.isEmpty()) {
            return ComponentResult.missing(COMPONENT, List.of(Finding.error("DMARC_RECORD_MISSING",
                    "No DMARC record: anyone can send mail in this domain's name, and receivers are not told what to "
                            + "do with it. Start by monitoring (p=none), then tighten.", start)));
        }
        if (records.size() > 1) {
            return ComponentResult.of(COMPONENT, List.of(Finding.error("DMARC_MULTIPLE_RECORDS", "There are "
                    + records.size() + " DMARC records; receivers then apply none (RFC 7489 6.6.3). Keep one.", start)));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : records.get(0).split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(part.substring(0, equals).strip().toLowerCase(Locale.ROOT), part.substring(equals + 1).strip());
            }
        }
        var findings = new ArrayList<Finding>();
        String p = tags.get("p");
        String fixed = records.get(0).strip();
        if (p == null || !List.of("none", "quarantine", "reject").contains(p.toLowerCase(Locale.ROOT))) {
            findings.add(Finding.error("DMARC_POLICY_INVALID", p == null
                    ? "The DMARC record has no p= tag, so it is ignored."
                    : "p=" + p + " is not none, quarantine or reject; the record is ignored.", start));
            return ComponentResult.of(COMPONENT, findings);
        }
        if ("none".equalsIgnoreCase(p)) {
            findings.add(Finding.warning("DMARC_POLICY_NONE", "The DMARC policy is p=none: receivers only report "
                    + "spoofed mail, they do not stop it. Move to quarantine once the reports are clean.",
                    fixed.replaceFirst("p=\\s*none", "p=quarantine")));
        }
        String sp = tags.get("sp");
        if (sp != null && !List.of("none", "quarantine", "reject").contains(sp.toLowerCase(Locale.ROOT))) {
            findings.add(Finding.warning("DMARC_SUBDOMAIN_POLICY_INVALID", "sp=" + sp + " is not none, quarantine or "
                    + "reject; receivers use p= for subdomains instead.", null));
        }
        String pct = tags.get("pct");
        if (pct != null) {
            int percent = pct.matches("\\d{1,3}") ? Integer.parseInt(pct) : -1;
            if (percent < 0 || percent > 100) {
                findings.add(Finding.warning("DMARC_PCT_INVALID", "pct=" + pct + " is not 0 to 100; receivers use 100.",
                        null));
            } else if (percent < 100) {
                findings.add(Finding.info("DMARC_PCT_PARTIAL", "The policy applies to " + percent + "% of failing mail "
                        + "only (pct=" + percent + ")."));
            }
        }
        String rua = tags.get("rua");
        if (rua == null) {
            findings.add(Finding.info("DMARC_RUA_MISSING", "The DMARC record asks for no aggregate reports (rua=), so "
                    + "you cannot see who sends mail in your name."));
        } else {
            for (String uri : rua.split(",")) {
                if (!uri.strip().toLowerCase(Locale.ROOT).startsWith("mailto:") || !uri.contains("@")) {
                    findings.add(Finding.warning("DMARC_RUA_INVALID", "\"" + uri.strip() + "\" is not a mailto: "
                            + "address; receivers skip it.", null));
                }
            }
        }
        return ComponentResult.of(COMPONENT, findings);
    }
}
