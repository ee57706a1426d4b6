package io.phishfence.ingest.smtp;

import io.phishfence.ingest.IngestConfig;
import io.phishfence.ingest.report.IntakeMeters;
import io.phishfence.ingest.report.ReportIntake;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP rua endpoint (RFC 8460 5.3), on SubEthaSMTP: SIZE advertised and enforced, STARTTLS offered when
 * a TLS configuration is named, recipients limited to the tenants' reporting addresses.
 */
@ApplicationScoped
public class SmtpListener {

    private static final Logger LOG = Logger.getLogger(SmtpListener.class);

    private final IngestConfig config;
    private final TenantDirectory tenants;
    private final ReportIntake intake;
    private final DkimChecker dkim;
    private final TlsConfigurationRegistry tls;
    private final IntakeMeters meters;
    private SMTPServer server;

    SmtpListener(IngestConfig config, TenantDirectory tenants, ReportIntake intake, DkimChecker dkim,
            TlsConfigurationRegistry tls, IntakeMeters meters) {
        this.meters = meters;
        this.config = config;
        this.tenants = tenants;
        this.intake = intake;
        this.dkim = dkim;
        this.tls = tls;
    }

    void onStart(@Observes StartupEvent event) {
        var smtp = config.smtp();
        if (!smtp.enabled()) {
            return;
        }
        var builder = SMTPServer.port(smtp.port())
                .hostName(smtp.hostName())
                .softwareName("PhishFence")
                .maxMessageSize(smtp.maxMessageBytes())
                .maxConnections(smtp.maxConnections())
                .maxRecipients(50)
                .connectionTimeout(60, TimeUnit.SECONDS)
                .messageHandlerFactory(context -> new ReportMessageHandler(tenants, intake, dkim, config, meters));
        smtp.tlsConfigurationName().ifPresent(name -> {
            var configuration = tls.get(name).orElseThrow(() -> new IllegalStateException(
                    "phishfence.ingest.smtp.tls-configuration-name: no TLS configuration named " + name));
            try {
                builder.enableTLS().startTlsSocketFactory(configuration.createSSLContext());
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the SMTP TLS context from configuration " + name, e);
            }
        });
        server = builder.build();
        server.start();
        LOG.infof("SMTP listening on port %d for <token>@%s%s", port(), smtp.reportsDomain(),
                smtp.tlsConfigurationName().isPresent() ? " (STARTTLS offered)" : "");
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop();
        }
    }

    /** The port the listener is bound to (differs from the configured one when that was 0). */
    public int port() {
        return server.getPortAllocated();
    }
}
