package io.phishfence.monitor.bimi;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import io.phishfence.monitor.dmarc.DmarcPolicy;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The BIMI component: the record at {@code default._bimi.<domain>} when there is one ({@link BimiRecordParser}),
 * and the rule that mail clients show a BIMI logo only for a domain whose DMARC policy is enforced
 * (quarantine or reject, for all mail). BIMI is optional: no record is no problem.
 */
public final class BimiCheck {

    public static final String COMPONENT = "bimi";

    private final Dns dns;

    public BimiCheck(Dns dns) {
        this.dns = dns;
    }

    /** @param dmarc the policy the DMARC check found for the domain, empty when there is none usable */
    public ComponentResult run(String domain, Optional<DmarcPolicy> dmarc) {
        DnsAnswer<String> answer = dns.txt("default._bimi." + domain);
        if (answer instanceof DnsAnswer.Failed<String> failed) {
            return ComponentResult.of(COMPONENT, List.of(Finding.warning("BIMI_DNS_FAILED", "The BIMI record could not "
                    + "be looked up (" + failed.reason() + "); the next check tries again.", null)));
        }
        if (answer.valuesOrEmpty().isEmpty()) {
            return ComponentResult.missing(COMPONENT, List.of(Finding.info("BIMI_RECORD_MISSING", "No BIMI record: "
                    + "that is fine, BIMI is optional. It lets mail clients show your logo next to your mail once DMARC "
                    + "is enforced.")));
        }
        Parsed<BimiRecord> parsed = BimiRecordParser.parse(answer.valuesOrEmpty());
        var findings = new ArrayList<>(parsed.findings());
        boolean showsLogo = parsed instanceof Parsed.Valid<BimiRecord> valid && valid.value().logo().isPresent();
        if (showsLogo && !dmarc.map(DmarcPolicy::enforced).orElse(false)) {
            findings.add(Finding.error("BIMI_DMARC_NOT_ENFORCED", "Mail clients show a BIMI logo only when DMARC is "
                    + "enforced (p=quarantine or p=reject, for 100% of mail); " + dmarc.map(p -> "here it is "
                    + p.policy() + (p.percent() < 100 ? " for " + p.percent() + "%" : "") + ".")
                    .orElse("this domain has no usable DMARC record.") + " See the DMARC finding for the record to "
                    + "publish.", null));
        }
        return ComponentResult.of(COMPONENT, findings);
    }
}
