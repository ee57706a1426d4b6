package io.phishfence.monitor.run;

import io.phishfence.events.DomainChecked;
import io.phishfence.monitor.MonitorConfig;
import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.bimi.BimiCheck;
import io.phishfence.monitor.dkim.DkimCheck;
import io.phishfence.monitor.dmarc.DmarcCheck;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.domain.MonitoredDomains;
import io.phishfence.monitor.mtasts.MtaStsCheck;
import io.phishfence.monitor.mtasts.PolicyFetcher;
import io.phishfence.monitor.net.AddressGuard;
import io.phishfence.monitor.spf.SpfCheck;
import io.phishfence.monitor.tenant.TenantAddresses;
import io.phishfence.monitor.tlsrpt.TlsRptCheck;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManagerFactory;

/**
 * Runs every check of one domain and says what it found, as one {@link DomainChecked}. The components so far:
 * TLS-RPT and MTA-STS, with the partner rule between them (deploy both or neither), SPF, DMARC, DKIM (the
 * selectors the tenant listed) and BIMI (which needs an enforced DMARC policy).
 */
@ApplicationScoped
public class DomainChecker {

    private final Dns dns;
    private final PolicyFetcher policies;
    private final TlsRptCheck tlsRpt;
    private final MtaStsCheck mtaSts;
    private final SpfCheck spf;
    private final DmarcCheck dmarc;
    private final DkimCheck dkim;
    private final BimiCheck bimi;
    private final MonitoredDomains domains;
    private final TenantAddresses tenants;
    private final CheckState state;
    private final Clock clock = Clock.systemUTC();

    DomainChecker(MonitorConfig config, Vertx vertx, TenantAddresses tenants, CheckState state,
            MonitoredDomains domains) {
        this.dns = Dns.using(config.dns().server().orElse(null), config.dns().timeout());
        this.policies = new PolicyFetcher(vertx, dns, new AddressGuard(config.allowedPrivateNetworks().orElse(List.of())),
                trust(config), config.mtaSts().port(), config.httpTimeout());
        this.tlsRpt = new TlsRptCheck(dns);
        this.mtaSts = new MtaStsCheck(dns, policies, clock);
        this.spf = new SpfCheck(dns);
        this.dmarc = new DmarcCheck(dns);
        this.dkim = new DkimCheck(dns);
        this.bimi = new BimiCheck(dns);
        this.domains = domains;
        this.tenants = tenants;
        this.state = state;
    }

    @PreDestroy
    void close() {
        policies.close();
    }

    /** @param trigger {@code schedule} or {@code request} */
    public DomainChecked check(String tenantId, String domain, String trigger) {
        long started = System.nanoTime();
        var rua = tenants.of(tenantId).orElse(null);
        List<String> mx = dns.mx(domain).valuesOrEmpty();
        ComponentResult tls = tlsRpt.run(domain, rua == null ? null : rua.mailto(), rua == null ? null : rua.https());
        ComponentResult sts = mtaSts.run(domain, mx);
        var results = new ArrayList<>(partnerRule(tls, sts));
        results.add(spf.run(domain));
        DmarcCheck.Verdict dmarcVerdict = dmarc.check(domain);
        results.add(dmarcVerdict.result());
        results.add(dkim.run(domain, domains.dkimSelectors(tenantId, domain)));
        results.add(bimi.run(domain, dmarcVerdict.policy()));
        var components = results.stream().map(DomainChecker::toEvent).toList();
        var checkedAt = clock.instant();
        var changes = state.record(tenantId, domain, components, checkedAt);
        return DomainChecked.of(tenantId, domain, checkedAt, (System.nanoTime() - started) / 1_000_000, trigger,
                components, changes);
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

    /** The JDK's CAs plus the configured PEM bundle. */
    private static TrustManagerFactory trust(MonitorConfig config) {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (config.tls().trustStore().isEmpty()) {
                factory.init((KeyStore) null);
                return factory;
            }
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            var jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int n = 0;
            for (var manager : jdk.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (var issuer : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, issuer);
                    }
                }
            }
            try (InputStream in = Files.newInputStream(config.tls().trustStore().get())) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("extra-" + n++, certificate);
                }
            }
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load phishfence.monitor.tls.trust-store", e);
        }
    }
}
