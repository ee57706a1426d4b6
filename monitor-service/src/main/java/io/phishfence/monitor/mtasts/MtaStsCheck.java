package io.phishfence.monitor.mtasts;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MTA-STS component: fetch the record at {@code _mta-sts.<domain>} → parse → fetch the policy → parse →
 * evaluate it against the domain's real MX hosts (RFC 8461 4.1: every MX must be covered by an mx pattern, or
 * senders in enforce mode refuse to deliver to it).
 */
public final class MtaStsCheck {

    public static final String COMPONENT = "mta-sts";

    private final Dns dns;
    private final PolicyFetcher fetcher;
    private final Clock clock;

    public MtaStsCheck(Dns dns, PolicyFetcher fetcher, Clock clock) {
        this.dns = dns;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * The verdict, and the policy when one was fetched and read: the MX probe checks each MX against it.
     */
    public record Outcome(ComponentResult result, Optional<StsPolicy> policy) {
    }

    /** @param mxHosts the domain's MX hosts, as DNS gives them now */
    public ComponentResult run(String domain, List<String> mxHosts) {
        return evaluate(domain, mxHosts).result();
    }

    /** @param mxHosts the domain's MX hosts, as DNS gives them now */
    public Outcome evaluate(String domain, List<String> mxHosts) {
        DnsAnswer<String> answer = dns.txt("_mta-sts." + domain);
        if (answer instanceof DnsAnswer.Failed<String> failed) {
            return new Outcome(ComponentResult.of(COMPONENT, List.of(Finding.warning("MTA_STS_DNS_FAILED", "The MTA-STS "
                    + "record could not be looked up (" + failed.reason() + "); the next check tries again.", null))),
                    Optional.empty());
        }
        Parsed<StsRecord> record = StsRecordParser.parse(answer.valuesOrEmpty(), clock);
        if (record instanceof Parsed.Invalid<StsRecord> invalid) {
            boolean missing = invalid.findings().stream().anyMatch(f -> f.code().equals("MTA_STS_RECORD_MISSING"));
            return new Outcome(missing ? ComponentResult.missing(COMPONENT, invalid.findings())
                    : ComponentResult.of(COMPONENT, invalid.findings()), Optional.empty());
        }
        var findings = new ArrayList<>(record.findings());
        PolicyFetch fetch = fetcher.fetch(domain);
        if (fetch instanceof PolicyFetch.Failed failed) {
            findings.add(failed.finding());
            return new Outcome(ComponentResult.of(COMPONENT, findings), Optional.empty());
        }
        Parsed<StsPolicy> policy = StsPolicyParser.parse(((PolicyFetch.Fetched) fetch).body(), mxHosts);
        findings.addAll(policy.findings());
        if (policy instanceof Parsed.Valid<StsPolicy> valid && valid.value().mode() != StsPolicy.Mode.NONE) {
            for (String mx : mxHosts) {
                if (!valid.value().covers(mx)) {
                    findings.add(new Finding("MTA_STS_MX_NOT_COVERED",
                            valid.value().mode() == StsPolicy.Mode.ENFORCE
                                    ? io.phishfence.monitor.check.Severity.ERROR
                                    : io.phishfence.monitor.check.Severity.WARNING,
                            "The mail server " + mx + " is not listed in the MTA-STS policy"
                                    + (valid.value().mode() == StsPolicy.Mode.ENFORCE
                                            ? ", so senders that enforce the policy will not deliver to it."
                                            : "; once the policy is enforced, senders will not deliver to it."),
                            StsPolicyParser.suggestedPolicy(mxHosts)));
                }
            }
        }
        return new Outcome(ComponentResult.of(COMPONENT, findings),
                policy instanceof Parsed.Valid<StsPolicy> valid ? Optional.of(valid.value()) : Optional.empty());
    }
}
