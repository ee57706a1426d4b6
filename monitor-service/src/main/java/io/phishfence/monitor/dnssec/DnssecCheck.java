package io.phishfence.monitor.dnssec;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Severity;
import io.phishfence.monitor.dns.DnsAnswer;
import io.phishfence.monitor.dns.ValidatingDns;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The DNSSEC component: whether answers for the domain validate from the trust anchors down (RFC 4035): secure
 * (signed, and the chain of DS and DNSKEY records holds), insecure (not signed, or the delegation provably
 * unsigned), or bogus (signed, but validation fails: validating resolvers then refuse to answer at all). The
 * question asked is the domain's DNSKEY, which needs the whole chain to validate, signed or not.
 */
public final class DnssecCheck {

    public static final String COMPONENT = "dnssec";

    private final ValidatingDns dns;

    public DnssecCheck(ValidatingDns dns) {
        this.dns = dns;
    }

    public ComponentResult run(String domain) {
        ValidatingDns.Validated<Record> answer = dns.ask(domain, Type.DNSKEY, record -> record);
        if (answer.answer() instanceof DnsAnswer.Failed<Record> failed) {
            return ComponentResult.of(COMPONENT, List.of(Finding.warning("DNSSEC_DNS_FAILED", "The DNSSEC status of "
                    + domain + " could not be looked up (" + failed.reason() + "); the next check tries again.", null)));
        }
        return switch (answer.security()) {
            case SECURE -> ComponentResult.of(COMPONENT, List.of());
            case BOGUS -> ComponentResult.of(COMPONENT, List.of(Finding.error("DNSSEC_BOGUS", "DNSSEC validation of "
                    + domain + " fails (" + answer.reason() + "). Resolvers that validate, as most large mail "
                    + "providers' do, treat the domain as unreachable, so mail to it is deferred and bounced.",
                    "Make the DS record at your registrar match the zone's current DNSKEY, and make sure the zone is "
                            + "re-signed before its signatures expire. If you turned DNSSEC off, remove the DS record.")));
            case INSECURE -> ComponentResult.missing(COMPONENT, List.of(new Finding("DNSSEC_NOT_SIGNED", Severity.INFO,
                    "The zone of " + domain + " is not signed with DNSSEC, so its DNS answers can be forged on the way "
                            + "and DANE cannot protect its mail.",
                    "Turn on DNSSEC signing at your DNS host, then publish the DS record it shows at your registrar.")));
        };
    }
}
