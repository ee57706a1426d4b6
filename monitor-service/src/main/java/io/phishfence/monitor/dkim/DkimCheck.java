package io.phishfence.monitor.dkim;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * The DKIM component (RFC 6376): for each selector the tenant lists for the domain, the key at
 * {@code <selector>._domainkey.<domain>} is fetched and parsed ({@link DkimKeyParser}). Selectors cannot be
 * discovered from DNS, so without a list there is nothing to check but a hint where to add them.
 */
public final class DkimCheck {

    public static final String COMPONENT = "dkim";

    private final Dns dns;

    public DkimCheck(Dns dns) {
        this.dns = dns;
    }

    /** @param selectors the selectors the tenant listed for this domain, possibly none */
    public ComponentResult run(String domain, List<String> selectors) {
        if (selectors.isEmpty()) {
            return ComponentResult.missing(COMPONENT, List.of(Finding.info("DKIM_NO_SELECTORS", "No DKIM selectors "
                    + "were given for this domain, so its keys were not checked: DNS cannot list them. Give the "
                    + "selectors your mail providers sign with (the s= of a DKIM-Signature header, such as "
                    + "\"google\" or \"selector1\") to have them checked.")));
        }
        var findings = new ArrayList<Finding>();
        for (String selector : selectors) {
            String name = selector + "._domainkey." + domain;
            DnsAnswer<String> answer = dns.txt(name);
            if (answer instanceof DnsAnswer.Failed<String> failed) {
                findings.add(Finding.warning("DKIM_DNS_FAILED", "The DKIM key at " + name + " could not be looked up ("
                        + failed.reason() + "); the next check tries again.", null));
            } else {
                findings.addAll(DkimKeyParser.parse(name, answer.valuesOrEmpty()).findings());
            }
        }
        return ComponentResult.of(COMPONENT, findings);
    }
}
