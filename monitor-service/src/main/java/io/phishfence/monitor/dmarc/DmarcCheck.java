package io.phishfence.monitor.dmarc;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.TagList;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The DMARC component (RFC 7489): fetch {@code _dmarc.<domain>}, or, when the domain has no record, the one of
 * its organizational domain (6.6.3) → parse the tag list → evaluate the policy. Parsing and evaluation are
 * {@link #evaluate}, pure over the TXT strings.
 */
public final class DmarcCheck {

    public static final String COMPONENT = "dmarc";
    private static final List<String> POLICIES = List.of("none", "quarantine", "reject");

    /** The component's verdict, and the policy receivers apply when there is a usable one. */
    public record Verdict(ComponentResult result, Optional<DmarcPolicy> policy) {
    }

    private final Dns dns;

    public DmarcCheck(Dns dns) {
        this.dns = dns;
    }

    public ComponentResult run(String domain) {
        return check(domain).result();
    }

    public Verdict check(String domain) {
        DnsAnswer<String> answer = dns.txt("_dmarc." + domain);
        if (answer instanceof DnsAnswer.Failed<String> failed) {
            return dnsFailed(failed);
        }
        List<String> own = dmarcRecords(answer.valuesOrEmpty());
        Optional<String> organizational = OrganizationalDomain.of(domain).filter(org -> !org.equals(domain));
        if (own.isEmpty() && organizational.isPresent()) {
            DnsAnswer<String> inherited = dns.txt("_dmarc." + organizational.get());
            if (inherited instanceof DnsAnswer.Failed<String> failed) {
                return dnsFailed(failed);
            }
            if (!dmarcRecords(inherited.valuesOrEmpty()).isEmpty()) {
                return evaluate(domain, organizational.get(), inherited.valuesOrEmpty());
            }
        }
        return evaluate(domain, domain, own);
    }

    /** Pure: the TXT records at {@code _dmarc.<domain>} in, the component's verdict out. */
    public static ComponentResult evaluate(String domain, List<String> txtRecords) {
        return evaluate(domain, domain, txtRecords).result();
    }

    /**
     * Pure: the TXT records at {@code _dmarc.<recordDomain>} in, the verdict for {@code domain} out.
     *
     * @param recordDomain {@code domain} itself, or its organizational domain when the record is inherited
     */
    public static Verdict evaluate(String domain, String recordDomain, List<String> txtRecords) {
        String start = "v=DMARC1; p=none; rua=mailto:dmarc-reports@" + domain;
        List<String> records = dmarcRecords(txtRecords);
        if (records.isEmpty()) {
            return new Verdict(ComponentResult.missing(COMPONENT, List.of(Finding.error("DMARC_RECORD_MISSING",
                    "No DMARC record: anyone can send mail in this domain's name, and receivers are not told what to "
                            + "do with it. Start by monitoring (p=none), then tighten.", start))), Optional.empty());
        }
        if (records.size() > 1) {
            return new Verdict(ComponentResult.of(COMPONENT, List.of(Finding.error("DMARC_MULTIPLE_RECORDS", "There "
                    + "are " + records.size() + " DMARC records at _dmarc." + recordDomain + "; receivers then apply "
                    + "none (RFC 7489 6.6.3). Keep one.", start))), Optional.empty());
        }
        TagList tags = TagList.parse(records.get(0));
        var findings = new ArrayList<Finding>();
        boolean inherited = !recordDomain.equals(domain);
        String p = tags.get("p").orElse(null);
        String fixed = records.get(0).strip();
        if (p == null || !POLICIES.contains(p.toLowerCase(Locale.ROOT))) {
            findings.add(Finding.error("DMARC_POLICY_INVALID", p == null
                    ? "The DMARC record has no p= tag, so it is ignored."
                    : "p=" + p + " is not none, quarantine or reject; the record is ignored.", start));
            return new Verdict(ComponentResult.of(COMPONENT, findings), Optional.empty());
        }
        String policy = p.toLowerCase(Locale.ROOT);
        if (policy.equals("none")) {
            findings.add(Finding.warning("DMARC_POLICY_NONE", "The DMARC policy is p=none: receivers only report "
                    + "spoofed mail, they do not stop it. Move to quarantine once the reports are clean.",
                    fixed.replaceFirst("p=\\s*none", "p=quarantine")));
        }
        String sp = tags.get("sp").orElse(null);
        if (sp != null && !POLICIES.contains(sp.toLowerCase(Locale.ROOT))) {
            findings.add(Finding.warning("DMARC_SUBDOMAIN_POLICY_INVALID", "sp=" + sp + " is not none, quarantine or "
                    + "reject; receivers use p= for subdomains instead.", null));
        } else if (inherited && sp != null) {
            policy = sp.toLowerCase(Locale.ROOT);
        }
        int percent = 100;
        String pct = tags.get("pct").orElse(null);
        if (pct != null) {
            int read = pct.matches("\\d{1,3}") ? Integer.parseInt(pct) : -1;
            if (read < 0 || read > 100) {
                findings.add(Finding.warning("DMARC_PCT_INVALID", "pct=" + pct + " is not 0 to 100; receivers use 100.",
                        null));
            } else if (read < 100) {
                percent = read;
                findings.add(Finding.info("DMARC_PCT_PARTIAL", "The policy applies to " + read + "% of failing mail "
                        + "only (pct=" + read + ")."));
            }
        }
        String rua = tags.get("rua").orElse(null);
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
        if (inherited) {
            findings.add(0, Finding.info("DMARC_INHERITED", domain + " has no DMARC record of its own, so receivers "
                    + "use the one of its organizational domain, _dmarc." + recordDomain + " (RFC 7489 6.6.3), which "
                    + "gives it the policy " + policy + ". Publish a record at _dmarc." + domain + " to set its own."));
            if (policy.equals("none") && !p.equalsIgnoreCase("none")) {
                findings.add(Finding.warning("DMARC_SUBDOMAIN_POLICY_NONE", "The organizational domain's record sets "
                        + "sp=none: receivers only report spoofed mail from " + domain + ", they do not stop it.",
                        fixed.replaceFirst("sp=\\s*none", "sp=quarantine")));
            }
        }
        return new Verdict(ComponentResult.of(COMPONENT, findings),
                Optional.of(new DmarcPolicy(policy, percent, recordDomain)));
    }

    private static Verdict dnsFailed(DnsAnswer.Failed<String> failed) {
        return new Verdict(ComponentResult.of(COMPONENT, List.of(Finding.warning("DMARC_DNS_FAILED", "The DMARC record "
                + "could not be looked up (" + failed.reason() + "); the next check tries again.", null))),
                Optional.empty());
    }

    private static List<String> dmarcRecords(List<String> txt) {
        return txt.stream().filter(r -> r.strip().startsWith("v=DMARC1")).toList();
    }
}
