package io.phishfence.monitor.bimi;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import io.phishfence.monitor.dmarc.DmarcPolicy;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import io.phishfence.monitor.dmarc.OrganizationalDomain;
import io.phishfence.monitor.net.FetchFindings;
import io.phishfence.monitor.net.HttpsFetch;
import io.phishfence.monitor.net.HttpsFetcher;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The BIMI component: the record at {@code default._bimi.<domain>}, or, when the domain has none, at its
 * organizational domain's ({@link BimiRecordParser}); the logo it names, fetched over HTTPS and checked against the
 * basics of SVG Tiny PS ({@link SvgLogo}); the mark certificate, fetched and checked to be a current PEM certificate
 * ({@link MarkCertificate}); and the rule that mail clients show a BIMI logo only for a domain whose DMARC policy is
 * enforced (quarantine or reject, for all mail). BIMI is optional: no record is no problem.
 */
public final class BimiCheck {

    public static final String COMPONENT = "bimi";
    /** The largest logo mail clients take (the BIMI group's 32 KB). */
    static final int MAX_LOGO_BYTES = 32 * 1024;
    static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    private final Dns dns;
    private final HttpsFetcher https;
    private final Clock clock;

    public BimiCheck(Dns dns, HttpsFetcher https, Clock clock) {
        this.dns = dns;
        this.https = https;
        this.clock = clock;
    }

    /** @param dmarc the policy the DMARC check found for the domain, empty when there is none usable */
    public ComponentResult run(String domain, Optional<DmarcPolicy> dmarc) {
        DnsAnswer<String> answer = dns.txt("default._bimi." + domain);
        String recordDomain = domain;
        Optional<String> organizational = OrganizationalDomain.of(domain).filter(org -> !org.equals(domain));
        if (answer.valuesOrEmpty().isEmpty() && !(answer instanceof DnsAnswer.Failed) && organizational.isPresent()) {
            // BIMI draft 4.3, as DMARC does (RFC 7489 6.6.3): no record of its own means the organizational domain's.
            answer = dns.txt("default._bimi." + organizational.get());
            recordDomain = organizational.get();
        }
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
        var findings = new ArrayList<Finding>();
        if (!recordDomain.equals(domain)) {
            findings.add(Finding.info("BIMI_INHERITED", domain + " has no BIMI record of its own, so mail clients use "
                    + "the one of its organizational domain, default._bimi." + recordDomain + "."));
        }
        findings.addAll(parsed.findings());
        if (parsed instanceof Parsed.Valid<BimiRecord> valid) {
            findings.addAll(files(valid.value()));
        }
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

    /** The logo and the mark certificate, fetched over one connection when one host serves both. */
    private List<Finding> files(BimiRecord record) {
        var files = new ArrayList<File>();
        record.logo().ifPresent(logo -> files.add(new File(logo, "BIMI_LOGO", "the BIMI logo", MAX_LOGO_BYTES,
                BimiCheck::judgeLogo)));
        record.authority().ifPresent(evidence -> files.add(new File(evidence, "BIMI_VMC", "the mark certificate",
                MAX_CERTIFICATE_BYTES, body -> MarkCertificate.check(body.bytes(), clock.instant()))));
        boolean oneHost = files.stream().map(file -> file.url().getHost().toLowerCase(Locale.ROOT) + ":" + file.port())
                .distinct().count() == 1;
        var findings = new ArrayList<Finding>();
        if (oneHost && files.size() > 1) {
            URI first = files.get(0).url();
            List<HttpsFetch> fetched = https.get(first.getHost(), files.get(0).port(), files.stream()
                    .map(file -> new HttpsFetcher.Wanted(file.path(), file.maxBytes())).toList());
            for (int i = 0; i < files.size(); i++) {
                findings.addAll(files.get(i).judge(fetched.get(i)));
            }
            return findings;
        }
        for (File file : files) {
            findings.addAll(file.judge(https.get(file.url().getHost(), file.port(), file.path(), file.maxBytes())));
        }
        return findings;
    }

    /** A file a BIMI record names, and how its body is judged. */
    private record File(URI url, String prefix, String what, int maxBytes,
            Function<HttpsFetch.Body, List<Finding>> judge) {

        int port() {
            return url.getPort() == -1 ? 443 : url.getPort();
        }

        String path() {
            return url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        }

        List<Finding> judge(HttpsFetch fetch) {
            if (fetch instanceof HttpsFetch.Body body) {
                return judge.apply(body);
            }
            return List.of(FetchFindings.of(fetch, prefix, what, url.toString(), url.getHost()));
        }
    }

    private static List<Finding> judgeLogo(HttpsFetch.Body body) {
        var findings = new ArrayList<Finding>();
        if (!"image/svg+xml".equals(body.mediaType())) {
            findings.add(Finding.warning("BIMI_LOGO_CONTENT_TYPE", "The logo is served as \"" + (body.contentType() == null
                    ? "no type" : body.contentType()) + "\"; mail clients expect image/svg+xml.",
                    "Serve the logo with Content-Type: image/svg+xml"));
        }
        findings.addAll(SvgLogo.check(body.bytes()));
        return findings;
    }
}
