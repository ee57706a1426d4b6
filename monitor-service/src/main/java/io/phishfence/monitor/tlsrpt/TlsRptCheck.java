package io.phishfence.monitor.tlsrpt;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TLS-RPT component: fetch the TXT records at {@code _smtp._tls.<domain>} → parse → evaluate against the
 * tenant's own reporting addresses. Never throws for a broken domain.
 */
public final class TlsRptCheck {

    public static final String COMPONENT = "tls-rpt";
    /** Names people publish the record at by mistake. */
    static final List<String> WRONG_LABELS = List.of("_tlsrpt.", "_smtp-tlsrpt.", "_smtp.tls.", "_tls._smtp.");

    private final Dns dns;

    public TlsRptCheck(Dns dns) {
        this.dns = dns;
    }

    /**
     * @param ourMailto the tenant's mailto rua ({@code mailto:<token>@<reports domain>}), or null when not known
     * @param ourHttps the tenant's https rua, or null when not known
     */
    public ComponentResult run(String domain, String ourMailto, String ourHttps) {
        boolean knowOurs = ourMailto != null && ourHttps != null;
        String ours = knowOurs ? ourMailto + "," + ourHttps : "mailto:tlsrpt@" + domain;
        String name = "_smtp._tls." + domain;
        DnsAnswer<String> answer = dns.txt(name);
        if (answer instanceof DnsAnswer.Failed<String> failed) {
            return ComponentResult.of(COMPONENT, List.of(Finding.warning("TLSRPT_DNS_FAILED",
                    "The TLS-RPT record could not be looked up (" + failed.reason() + "); the next check tries again.",
                    null)));
        }
        Parsed<TlsRptRecord> parsed = TlsRptRecordParser.parse(answer.valuesOrEmpty(), ours);
        if (parsed instanceof Parsed.Invalid<TlsRptRecord> invalid) {
            boolean missing = invalid.findings().stream().anyMatch(f -> f.code().equals("TLSRPT_RECORD_MISSING"));
            if (missing) {
                for (String wrong : WRONG_LABELS) {
                    if (TlsRptRecordParser.parse(dns.txt(wrong + domain).valuesOrEmpty(), ours)
                            instanceof Parsed.Valid<TlsRptRecord>) {
                        return ComponentResult.of(COMPONENT, List.of(Finding.error("TLSRPT_WRONG_NAME",
                                "The TLS-RPT record is published at " + wrong + domain + ", where senders do not look. "
                                        + "Publish it at " + name + ".", "v=TLSRPTv1; rua=" + ours)));
                    }
                }
                return ComponentResult.missing(COMPONENT, invalid.findings());
            }
            return ComponentResult.of(COMPONENT, invalid.findings());
        }
        var valid = (Parsed.Valid<TlsRptRecord>) parsed;
        var findings = new ArrayList<>(valid.warnings());
        boolean reachesUs = !knowOurs || valid.value().rua().stream()
                .map(uri -> uri.toString().toLowerCase(Locale.ROOT))
                .anyMatch(uri -> uri.equals(ourMailto.toLowerCase(Locale.ROOT))
                        || uri.equals(ourHttps.toLowerCase(Locale.ROOT)));
        if (!reachesUs) {
            findings.add(Finding.warning("TLSRPT_RUA_NOT_PHISHFENCE",
                    "The TLS-RPT record sends reports elsewhere, so PhishFence sees none of them. Add your PhishFence "
                            + "addresses (keeping the others if someone reads them).",
                    "v=TLSRPTv1; rua=" + ours + valid.value().rua().stream().map(u -> "," + u).reduce("", String::concat)));
        }
        return ComponentResult.of(COMPONENT, findings);
    }
}
