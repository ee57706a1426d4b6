package io.phishfence.monitor.run;

import io.phishfence.events.DomainChecked;
import io.phishfence.monitor.MonitorConfig;
import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.bimi.BimiCheck;
import io.phishfence.monitor.dane.DaneCheck;
import io.phishfence.monitor.dkim.DkimCheck;
import io.phishfence.monitor.dmarc.DmarcCheck;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import io.phishfence.monitor.dns.ValidatingDns;
import io.phishfence.monitor.dnssec.DnssecCheck;
import io.phishfence.monitor.domain.MonitoredDomains;
import io.phishfence.monitor.mtasts.MtaStsCheck;
import io.phishfence.monitor.mtasts.PolicyFetcher;
import io.phishfence.monitor.mx.MxCheck;
import io.phishfence.monitor.mx.SmtpProber;
import io.phishfence.monitor.net.AddressGuard;
import io.phishfence.monitor.net.HttpsFetcher;
import io.phishfence.monitor.net.TrustStores;
import io.phishfence.monitor.spf.SpfCheck;
import io.phishfence.monitor.tenant.TenantAddresses;
import io.phishfence.monitor.tlsrpt.TlsRptCheck;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs every check of one domain and says what it found, as one {@link DomainChecked}. The components so far:
 * TLS-RPT and MTA-STS, with the partner rule between them (deploy both or neither), SPF, DMARC, DKIM (the
 * selectors the tenant listed), BIMI (which needs an enforced DMARC policy), the MX hosts' STARTTLS, DANE
 * (against the certificates the MX probes saw) and DNSSEC.
 */
@ApplicationScoped
public class DomainChecker {

    /** The steps of one check: at most this many wait at once, see {@link #stepPool}. */
    private static final int STEPS_PER_CHECK = 10;

    private final Dns dns;
    private final HttpsFetcher https;
    private final TlsRptCheck tlsRpt;
    private final MtaStsCheck mtaSts;
    private final SpfCheck spf;
    private final DmarcCheck dmarc;
    private final MxCheck mxCheck;
    private final ExecutorService mxProbes;
    private final DaneCheck dane;
    private final DnssecCheck dnssec;
    private final DkimCheck dkim;
    private final BimiCheck bimi;
    private final MonitoredDomains domains;
    private final TenantAddresses tenants;
    private final CheckState state;
    private final ExecutorService steps;
    private final Clock clock = Clock.systemUTC();

    DomainChecker(MonitorConfig config, Vertx vertx, TenantAddresses tenants, CheckState state,
            MonitoredDomains domains) {
        this.dns = Dns.using(config.dns().server().orElse(null), config.dns().timeout());
        var guard = new AddressGuard(config.allowedPrivateNetworks().orElse(List.of()));
        var trust = TrustStores.jdkPlus(config.tls().trustStore());
        this.https = new HttpsFetcher(vertx, dns, guard, trust, config.httpTimeout(), config.concurrency());
        this.tlsRpt = new TlsRptCheck(dns);
        this.mtaSts = new MtaStsCheck(dns, new PolicyFetcher(https, config.mtaSts().port()), clock);
        this.spf = new SpfCheck(dns);
        this.dmarc = new DmarcCheck(dns);
        this.mxProbes = MxCheck.probePool(config.smtp().concurrency());
        this.mxCheck = new MxCheck(dns, guard, SmtpProber.configured(config.smtp()), mxProbes, config.smtp().timeout(),
                TrustStores.x509(trust), clock);
        var validating = ValidatingDns.using(config.dns().server().orElse(null), config.dns().timeout(),
                config.dnssec().trustAnchors());
        this.dane = new DaneCheck(validating);
        this.dnssec = new DnssecCheck(validating);
        this.dkim = new DkimCheck(dns);
        this.bimi = new BimiCheck(dns, https, clock);
        this.steps = stepPool(config.concurrency() * STEPS_PER_CHECK);
        this.domains = domains;
        this.tenants = tenants;
        this.state = state;
    }

    /**
     * The steps of a check wait on DNS, HTTPS and SMTP, not on the CPU, so each runs on a thread of its own. The
     * pool holds as many threads as the steps of {@code concurrency} checks can ask for at once, so a step that
     * waits for another step's result (the MX probe for the MTA-STS policy) never waits for a free thread.
     */
    private static ExecutorService stepPool(int size) {
        var pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            var thread = new Thread(runnable, "check-step");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @PreDestroy
    void close() {
        https.close();
        mxProbes.shutdownNow();
        steps.shutdownNow();
    }

    /** @param trigger {@code schedule} or {@code request} */
    public DomainChecked check(String tenantId, String domain, String trigger) {
        long started = System.nanoTime();
        var components = components(domain, tenants.of(tenantId).orElse(null), domains.dkimSelectors(tenantId, domain));
        var checkedAt = clock.instant();
        var changes = state.record(tenantId, domain, components, checkedAt);
        return DomainChecked.of(tenantId, domain, checkedAt, (System.nanoTime() - started) / 1_000_000, trigger,
                components, changes);
    }

    /**
     * Runs every component's check of the domain and touches no state: the part of a check that public checks
     * (ADR 0010) share with tenants' checks. Every component runs at once, each waiting only for what it needs:
     * MTA-STS for the MX hosts, the MX probes for the MTA-STS policy (once they have started), DANE for the
     * probes, BIMI for the DMARC policy.
     *
     * @param rua the tenant's reporting addresses, or null when there is no tenant (the TLS-RPT record then may
     *        point anywhere)
     */
    public List<DomainChecked.Component> components(String domain, TenantAddresses.Rua rua,
            List<String> dkimSelectors) {
        CompletableFuture<DnsAnswer<String>> mxAnswer = step(() -> dns.mx(domain));
        var tls = step(() -> tlsRpt.run(domain, rua == null ? null : rua.mailto(), rua == null ? null : rua.https()));
        // A null MX (RFC 7505) reads as one empty host: no mail server for MTA-STS to cover.
        var sts = mxAnswer.thenApplyAsync(answer -> mtaSts.evaluate(domain,
                answer.valuesOrEmpty().stream().filter(host -> !host.isEmpty()).toList()), steps);
        var spfResult = step(() -> spf.run(domain));
        var dmarcVerdict = step(() -> dmarc.check(domain));
        var dkimResult = step(() -> dkim.run(domain, dkimSelectors));
        var bimiResult = dmarcVerdict.thenApplyAsync(verdict -> bimi.run(domain, verdict.policy()), steps);
        var mxResult = mxAnswer.thenApplyAsync(answer -> mxCheck.run(domain, answer, () -> sts.join().policy()), steps);
        var daneResult = mxResult.thenApplyAsync(outcome -> dane.run(domain, outcome.probes()), steps);
        var dnssecResult = step(() -> dnssec.run(domain));

        var results = new ArrayList<>(partnerRule(tls.join(), sts.join().result()));
        results.add(spfResult.join());
        results.add(dmarcVerdict.join().result());
        results.add(dkimResult.join());
        results.add(bimiResult.join());
        results.add(mxResult.join().result());
        results.add(daneResult.join());
        results.add(dnssecResult.join());
        return results.stream().map(DomainChecker::toEvent).toList();
    }

    private <T> CompletableFuture<T> step(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, steps);
    }

    /**
     * TLS-RPT and MTA-STS belong together: MTA-STS without TLS-RPT fails silently, TLS-RPT without MTA-STS
     * reports little. The finding goes to the component that is missing.
     */
    static List<ComponentResult> partnerRule(ComponentResult tls, ComponentResult sts) {
        boolean tlsMissing = tls.status() == ComponentResult.Status.MISSING;
        boolean stsMissing = sts.status() == ComponentResult.Status.MISSING;
        if (tlsMissing && !stsMissing) {
            tls = withFinding(tls, Finding.warning("PARTNER_MTA_STS_WITHOUT_TLSRPT", "MTA-STS is deployed without "
                    + "TLS-RPT: when senders cannot deliver securely, nobody tells you. Publish the TLS-RPT record.",
                    tls.findings().isEmpty() ? null : tls.findings().get(0).fix()));
        } else if (stsMissing && !tlsMissing) {
            sts = withFinding(sts, Finding.warning("PARTNER_TLSRPT_WITHOUT_MTA_STS", "TLS-RPT is deployed without "
                    + "MTA-STS: reports arrive, but senders still fall back to unencrypted delivery. Deploy MTA-STS in "
                    + "testing mode, then enforce.", sts.findings().isEmpty() ? null : sts.findings().get(0).fix()));
        }
        return List.of(tls, sts);
    }

    private static ComponentResult withFinding(ComponentResult result, Finding finding) {
        var findings = new ArrayList<>(result.findings());
        findings.add(finding);
        return new ComponentResult(result.component(), result.status(), findings);
    }

    private static DomainChecked.Component toEvent(ComponentResult result) {
        return new DomainChecked.Component(result.component(), result.status().name().toLowerCase(Locale.ROOT),
                result.findings().stream().map(f -> new DomainChecked.Finding(f.code(),
                        f.severity().name().toLowerCase(Locale.ROOT), f.message(), f.fix())).toList());
    }
}
