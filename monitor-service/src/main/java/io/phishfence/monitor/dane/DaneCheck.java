package io.phishfence.monitor.dane;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Severity;
import io.phishfence.monitor.dns.DnsAnswer;
import io.phishfence.monitor.dns.ValidatingDns;
import io.phishfence.monitor.mx.CertificateNames;
import io.phishfence.monitor.mx.MxCheck;
import io.phishfence.monitor.mx.MxProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * The DANE component (RFC 7672): for each MX host, the TLSA records at {@code _25._tcp.<host>}, looked up with
 * DNSSEC validation (TLSA records count only when secure), checked against the certificate chain that host
 * presented to the MX probe, so the verdict is about what senders see.
 */
public final class DaneCheck {

    public static final String COMPONENT = "dane";

    private final ValidatingDns dns;

    public DaneCheck(ValidatingDns dns) {
        this.dns = dns;
    }

    /**
     * @param probes the MX probes of this check run, whose certificate chains the TLSA records must match; empty
     *        when no MX host was probed, and then the verdict is what DNS alone says
     */
    public ComponentResult run(String domain, List<MxProbe> probes) {
        if (probes.isEmpty()) {
            return withoutProbes(domain);
        }
        var hosts = new LinkedHashSet<String>();
        probes.forEach(probe -> hosts.add(probe.host()));
        return judge(domain, hosts, probes, () -> dns.ask(domain, Type.MX, record -> record));
    }

    /**
     * No MX host was probed (the MX look-up failed, a null MX, no address, private addresses only, or the monitor
     * was too busy): the MX hosts are asked again, with validation, and their TLSA records judged as far as DNS
     * alone can. Never ok for a domain with mail servers: either DANE is not deployed (no TLSA records), or it is
     * and the records could not be matched ({@code DANE_NOT_CHECKED}, a warning, with the reason).
     */
    private ComponentResult withoutProbes(String domain) {
        ValidatingDns.Validated<Record> mx = dns.ask(domain, Type.MX, record -> record);
        if (mx.answer() instanceof DnsAnswer.Failed<Record> failed) {
            return ComponentResult.of(COMPONENT, List.of(Finding.warning("DANE_NOT_CHECKED", "The MX records of "
                    + domain + " could not be looked up (" + failed.reason() + ") and no mail server was probed, so "
                    + "DANE was not checked; the next check tries again.", null)));
        }
        List<Name> hosts = mx.answer().valuesOrEmpty().stream().map(record -> ((MXRecord) record).getTarget())
                .limit(MxCheck.MAX_HOSTS).toList();
        if (hosts.equals(List.of(Name.root))) {
            return ComponentResult.of(COMPONENT, List.of(Finding.info("DANE_NULL_MX", domain + " publishes a null MX "
                    + "(RFC 7505): it accepts no mail, so there is no mail server for DANE to protect.")));
        }
        // RFC 7672 2.2.2: without MX records, mail goes to the domain's own address, and its TLSA records apply.
        var names = new LinkedHashSet<String>();
        hosts.stream().filter(host -> !host.equals(Name.root))
                .forEach(host -> names.add(host.toString(true).toLowerCase(Locale.ROOT)));
        if (hosts.isEmpty()) {
            names.add(domain);
        }
        return judge(domain, names, List.of(), () -> mx);
    }

    /**
     * @param mx the validated MX look-up of the domain, asked only when some host has secure TLSA records
     */
    private ComponentResult judge(String domain, Set<String> hosts, List<MxProbe> probes,
            Supplier<ValidatingDns.Validated<Record>> mx) {
        var findings = new ArrayList<Finding>();
        var withoutTlsa = new ArrayList<String>();
        int failedLookUps = 0;
        var lookUps = new LinkedHashMap<String, HostTlsa>();
        hosts.forEach(host -> lookUps.put(host, lookUp(host)));
        boolean someSecureTlsa = lookUps.values().stream().anyMatch(HostTlsa::secureRecords);
        ValidatingDns.Validated<Record> mxLookUp = someSecureTlsa ? mx.get() : null;
        Optional<Finding> mxNotSecure = someSecureTlsa ? mxNotSecure(domain, mxLookUp) : Optional.empty();
        mxNotSecure.ifPresent(findings::add);
        // RFC 7672 2.2.1: senders may use the secure TLSA records of hosts named by insecure MX records (Postfix
        // does), so those are matched too; after a bogus or failed MX look-up they are not.
        boolean tlsaInUse = mxNotSecure.isEmpty() || mxLookUp.security() == ValidatingDns.Security.INSECURE
                && !(mxLookUp.answer() instanceof DnsAnswer.Failed);
        for (String host : hosts) {
            var hostProbes = probes.stream().filter(p -> p.host().equals(host)).toList();
            HostTlsa lookUp = lookUps.get(host);
            ValidatingDns.Validated<TLSARecord> answer = lookUp.tlsa();
            List<Tlsa> records = answer.answer().valuesOrEmpty().stream()
                    .map(r -> new Tlsa(r.getCertificateUsage(), r.getSelector(), r.getMatchingType(),
                            r.getCertificateAssociationData()))
                    .toList();
            if (lookUp.problem() != null) {
                findings.add(lookUp.problem());
                failedLookUps += lookUp.problem().code().equals("DANE_DNS_FAILED") ? 1 : 0;
            } else if (answer.answer() instanceof DnsAnswer.Failed<TLSARecord> failed) {
                findings.add(Finding.warning("DANE_DNS_FAILED", "The TLSA records of " + lookUp.base() + " could not "
                        + "be looked up (" + failed.reason() + "); the next check tries again.", null));
                failedLookUps++;
            } else if (answer.security() == ValidatingDns.Security.BOGUS) {
                findings.add(Finding.error("DANE_TLSA_BOGUS", "The TLSA records of " + lookUp.base() + " fail DNSSEC "
                        + "validation (" + answer.reason() + "): senders that use DANE will not deliver to it.",
                        "Re-sign the zone of " + lookUp.base() + " and make the DS record at the registrar match its "
                                + "DNSKEY."));
            } else if (records.isEmpty()) {
                withoutTlsa.add(host);
            } else if (answer.security() == ValidatingDns.Security.INSECURE) {
                findings.add(Finding.warning("DANE_TLSA_INSECURE", "The TLSA records of " + lookUp.base() + " are in a "
                        + "zone that is not signed with DNSSEC, so senders ignore them.", "Sign the zone of "
                        + lookUp.base() + " with DNSSEC and publish its DS record at the registrar."));
            } else if (tlsaInUse) {
                findings.addAll(match(lookUp, records, hostProbes));
            }
        }
        // Hosts whose look-up failed count neither way: their records are unknown.
        boolean someHaveTlsa = hosts.size() - withoutTlsa.size() - failedLookUps > 0;
        if (withoutTlsa.size() == hosts.size()) {
            return ComponentResult.missing(COMPONENT, List.of(new Finding("DANE_NOT_DEPLOYED", Severity.INFO,
                    "No mail server of " + domain + " publishes TLSA records, so senders that use DANE cannot "
                            + "authenticate them. DANE needs the zone signed with DNSSEC.",
                    suggestions(withoutTlsa, probes))));
        }
        for (String host : someHaveTlsa && tlsaInUse ? withoutTlsa : List.<String>of()) {
            findings.add(Finding.warning("DANE_MX_WITHOUT_TLSA", "The mail server " + host + " has no TLSA record "
                    + "while other mail servers of " + domain + " do: senders that use DANE can be downgraded to it.",
                    suggestions(List.of(host), probes)));
        }
        return ComponentResult.of(COMPONENT, findings);
    }

    /**
     * One MX host's TLSA records as a sender that uses DANE finds them (RFC 7672 2.2.2).
     *
     * @param base where the records were found: the host, or the end of its CNAME chain
     * @param problem the finding that stands for the host's records, or null: its address could not be looked up or
     *        fails validation, or its TLSA records are there but its address records are insecure
     */
    private record HostTlsa(String host, String base, ValidatingDns.Validated<TLSARecord> tlsa, Finding problem) {

        boolean secureRecords() {
            return DaneCheck.secureRecords(tlsa);
        }
    }

    private static boolean secureRecords(ValidatingDns.Validated<TLSARecord> tlsa) {
        return tlsa.security() == ValidatingDns.Security.SECURE && !tlsa.answer().valuesOrEmpty().isEmpty();
    }

    /**
     * RFC 7672 2.2.2: a sender uses TLSA records only when the host's address records validate as secure; when
     * they are reached through CNAMEs that all validate, it looks for TLSA records at the end of the chain first,
     * then at the host's own name. A host whose own TLSA look-up is insecure is in an unsigned zone, and so is the
     * start of its address look-up: its address is not asked again.
     */
    private HostTlsa lookUp(String host) {
        ValidatingDns.Validated<TLSARecord> atHost = tlsa(host);
        if (atHost.security() != ValidatingDns.Security.SECURE || atHost.answer() instanceof DnsAnswer.Failed) {
            return new HostTlsa(host, host, atHost, null);
        }
        ValidatingDns.Validated<String> address = dns.finalName(host, Type.A);
        boolean hasRecords = !atHost.answer().valuesOrEmpty().isEmpty();
        if (address.answer() instanceof DnsAnswer.Failed<String> failed) {
            return new HostTlsa(host, host, atHost, Finding.warning("DANE_DNS_FAILED", "The address of the mail "
                    + "server " + host + " could not be looked up with DNSSEC (" + failed.reason() + "); the next "
                    + "check tries again.", null));
        }
        String end = address.answer().valuesOrEmpty().get(0);
        boolean alias = !end.equals(host.toLowerCase(Locale.ROOT));
        String via = alias ? " (an alias of " + end + ")" : "";
        if (address.security() == ValidatingDns.Security.BOGUS) {
            return new HostTlsa(host, host, atHost, Finding.error("DANE_MX_ADDRESS_BOGUS", "The address records of "
                    + "the mail server " + host + via + " fail DNSSEC validation (" + address.reason() + "): senders "
                    + "that validate cannot deliver mail to it.", "Re-sign the zone of " + end + " and make the DS "
                    + "record at the registrar match its DNSKEY."));
        }
        if (address.security() == ValidatingDns.Security.INSECURE) {
            return new HostTlsa(host, host, atHost, !hasRecords ? null : Finding.warning("DANE_MX_ADDRESS_INSECURE",
                    "The TLSA records of " + host + " are signed, but its address" + via + " is not: senders use TLSA "
                            + "records only when the address records validate too (RFC 7672 2.2.2), so DANE does "
                            + "not protect it.", "Sign the zone of " + end + " with DNSSEC, or name a mail server "
                            + "in a signed zone in the MX record."));
        }
        if (alias) {
            ValidatingDns.Validated<TLSARecord> atEnd = tlsa(end);
            // The first TLSA look-up that is secure with records, failed or bogus decides; none at the end: the host's.
            if (secureRecords(atEnd) || atEnd.answer() instanceof DnsAnswer.Failed
                    || atEnd.security() == ValidatingDns.Security.BOGUS) {
                return new HostTlsa(host, end, atEnd, null);
            }
        }
        return new HostTlsa(host, host, atHost, null);
    }

    private ValidatingDns.Validated<TLSARecord> tlsa(String host) {
        return dns.ask("_25._tcp." + host, Type.TLSA, r -> (TLSARecord) r);
    }

    /**
     * RFC 7672 2.2.1: DANE protects the delivery fully only when the domain's MX records themselves validate as
     * secure; otherwise whoever forges the MX records can name hosts of their own. Senders may still use the TLSA
     * records of the hosts an insecure MX RRset names. Empty when the MX records are secure.
     */
    private static Optional<Finding> mxNotSecure(String domain, ValidatingDns.Validated<Record> mx) {
        if (mx.answer() instanceof DnsAnswer.Failed<Record> failed) {
            return Optional.of(Finding.warning("DANE_DNS_FAILED", "The DNSSEC status of the MX records of " + domain
                    + " could not be looked up (" + failed.reason() + "); the next check tries again.", null));
        }
        return switch (mx.security()) {
            case SECURE -> Optional.empty();
            case BOGUS -> Optional.of(Finding.error("DANE_MX_BOGUS", "The MX records of " + domain + " fail DNSSEC "
                    + "validation (" + mx.reason() + "): senders that validate cannot deliver mail to " + domain
                    + " at all, and its TLSA records are not used.", "Re-sign the zone of " + domain + " and make the "
                    + "DS record at the registrar match its DNSKEY."));
            case INSECURE -> Optional.of(Finding.warning("DANE_MX_INSECURE", "The mail servers publish TLSA records, "
                    + "but the MX records of " + domain + " are not signed with DNSSEC. Some senders still use the TLSA "
                    + "records (RFC 7672 2.2.1 allows it, and Postfix does), others ignore them, and whoever can forge "
                    + "the MX records can send " + domain + "'s mail to servers of their own.", "Sign the zone of "
                    + domain + " with DNSSEC and publish its DS record at the registrar."));
        };
    }

    /**
     * Each secured probe of the host against its secure TLSA records. RFC 7672 3.2.2: with DANE-TA the leaf must be
     * for the host's name, or for the end of its CNAME chain where the records were found.
     */
    private static List<Finding> match(HostTlsa lookUp, List<Tlsa> records, List<MxProbe> probes) {
        String host = lookUp.host();
        var findings = new ArrayList<Finding>();
        records.stream().filter(record -> !record.usableForSmtp()).forEach(record -> findings.add(
                Finding.info("DANE_TLSA_UNUSABLE", "The TLSA record " + record + " of " + host + " is ignored by "
                        + "senders: " + (record.usage() == Tlsa.PKIX_TA || record.usage() == Tlsa.PKIX_EE
                                ? "PKIX usages (0 and 1) do not apply to SMTP (RFC 7672 3.1.3)."
                                : "its usage, selector or matching type is unknown."))));
        var usable = records.stream().filter(Tlsa::usableForSmtp).toList();
        var secured = probes.stream().filter(MxProbe.Secured.class::isInstance).map(MxProbe.Secured.class::cast).toList();
        if (usable.isEmpty()) {
            findings.add(Finding.warning("DANE_TLSA_NONE_USABLE", "None of the TLSA records of " + host + " is "
                    + "usable for SMTP, so DANE does not protect it.", secured.isEmpty() ? null
                            : Tlsa.suggested(lookUp.base(), secured.get(0).chain().get(0))));
            return findings;
        }
        if (probes.isEmpty()) {
            findings.add(Finding.warning("DANE_NOT_CHECKED", "The mail server " + host + " publishes TLSA records, but "
                    + "it was not probed, so they were not matched against its certificate; the MX findings say why.",
                    null));
        } else if (secured.isEmpty()) {
            findings.add(Finding.error("DANE_NO_TLS", "The mail server " + host + " publishes TLSA records but no TLS "
                    + "session could be made with it; senders that use DANE will not deliver to it.", null));
        }
        for (MxProbe.Secured probe : secured) {
            String where = host + " (" + probe.address().getHostAddress() + ")";
            boolean matched = usable.stream().anyMatch(record -> record.matches(probe.chain())
                    && (record.usage() == Tlsa.DANE_EE || CertificateNames.matches(probe.chain().get(0), host)
                            || CertificateNames.matches(probe.chain().get(0), lookUp.base())));
            if (matched) {
                findings.add(Finding.info("DANE_TLSA_MATCH", "The certificate of " + where + " matches its TLSA "
                        + "records."));
            } else {
                findings.add(Finding.error("DANE_TLSA_MISMATCH", "The certificate of " + where + " matches none of "
                        + "its TLSA records (" + usable.stream().map(Tlsa::toString).collect(Collectors.joining(", "))
                        + "): senders that use DANE will not deliver to it.",
                        Tlsa.suggested(lookUp.base(), probe.chain().get(0))));
            }
        }
        return findings;
    }

    /** The DANE-EE records to publish for {@code hosts}, from the certificates their probes saw. */
    private static String suggestions(List<String> hosts, List<MxProbe> probes) {
        var lines = hosts.stream().flatMap(host -> probes.stream()
                .filter(p -> p.host().equals(host) && p instanceof MxProbe.Secured)
                .map(p -> Tlsa.suggested(host, ((MxProbe.Secured) p).chain().get(0))).limit(1)).toList();
        return lines.isEmpty() ? null : String.join("\n", lines);
    }
}
