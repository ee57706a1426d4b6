package io.phishfence.ingest.smtp;

import io.phishfence.events.EmailDelivery;
import io.phishfence.ingest.IngestConfig;
import io.phishfence.ingest.report.IntakeMeters;
import io.phishfence.ingest.report.IntakeResult;
import io.phishfence.ingest.report.InvalidReportException;
import io.phishfence.ingest.report.ReportIntake;
import io.phishfence.ingest.tenant.TenantDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One SMTP transaction. Accepts recipients only of the form {@code <rua token>@<reports domain>} of a known
 * tenant (550 otherwise: not an open relay), and answers the DATA with 250 only once Kafka holds the report
 * for every recipient's tenant; 451 when Kafka cannot take it (the sending MTA retries), 554 when the
 * message holds no valid report.
 */
final class ReportMessageHandler implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(ReportMessageHandler.class);

    private final TenantDirectory tenants;
    private final ReportIntake intake;
    private final DkimChecker dkim;
    private final IngestConfig config;
    private final IntakeMeters meters;
    private final Set<String> tenantIds = new LinkedHashSet<>();
    private String mailFrom = "";

    ReportMessageHandler(TenantDirectory tenants, ReportIntake intake, DkimChecker dkim, IngestConfig config,
            IntakeMeters meters) {
        this.tenants = tenants;
        this.meters = meters;
        this.intake = intake;
        this.dkim = dkim;
        this.config = config;
    }

    @Override
    public void from(String from) {
        mailFrom = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        String address = recipient == null ? "" : recipient.trim().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1);
        if (at <= 0 || !domain.equals(config.smtp().reportsDomain().toLowerCase(Locale.ROOT))) {
            throw new RejectException(550, "5.7.1 <" + recipient + ">: relay not permitted");
        }
        var tenant = tenants.tenantOf(address.substring(0, at));
        if (tenant.isEmpty()) {
            meters.unknownAddress(true);
            throw new RejectException(550, "5.1.1 <" + recipient + ">: no such reporting address");
        }
        tenantIds.add(tenant.get());
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        int limit = config.smtp().maxMessageBytes();
        byte[] message = data.readNBytes(limit + 1);
        if (message.length > limit) {
            // SIZE is only a promise of the client's; the limit holds whatever it sends. Read the rest
            // without keeping it, so that the session stays in step for the reply.
            data.transferTo(OutputStream.nullOutputStream());
            throw new RejectException(552, "5.3.4 message exceeds the " + limit + " byte limit");
        }
        ReportMail mail;
        try {
            mail = ReportMail.parse(message);
        } catch (InvalidReportException e) {
            throw new RejectException(554, "5.6.0 " + e.getMessage());
        }
        EmailDelivery.Dkim verdict = dkim.verify(message);
        if (config.smtp().dkim() == IngestConfig.DkimMode.ENFORCE && !verdict.passed()) {
            if (EmailDelivery.Dkim.TEMPERROR.equals(verdict.result())) {
                throw new RejectException(451, "4.7.5 DKIM key look-up failed; try again later");
            }
            throw new RejectException(554, "5.7.20 a valid DKIM signature is required (" + verdict.result() + ")");
        }
        var delivery = new EmailDelivery(mailFrom, mail.subject(), mail.reportDomain(), mail.submitter(), verdict);
        for (String tenantId : tenantIds) {
            deliver(tenantId, mail, delivery);
        }
        return "2.6.0 report accepted";
    }

    private void deliver(String tenantId, ReportMail mail, EmailDelivery delivery) throws RejectException {
        IntakeResult result = intake.accept(tenantId, mail.report(), mail.mediaType(), delivery);
        if (result instanceof IntakeResult.Invalid invalid) {
            throw new RejectException(554, "5.6.0 invalid report: " + oneLine(invalid.detail()));
        }
        if (result instanceof IntakeResult.TooLarge tooLarge) {
            throw new RejectException(552, "5.3.4 " + tooLarge.detail());
        }
        if (result instanceof IntakeResult.ForeignDomain foreign) {
            throw new RejectException(554, "5.7.1 reports are accepted only for the domains the owner of this "
                    + "address added; not for " + foreign.domains());
        }
        var publishing = (IntakeResult.Publishing) result;
        try {
            publishing.acknowledged().toCompletableFuture()
                    .get(config.kafka().deliveryTimeoutMs() + 5_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Kafka did not take e-mailed report %s of tenant %s: %s", publishing.report().reportId(),
                    tenantId, e.getMessage());
            throw new RejectException(451, "4.3.0 temporarily unable to accept reports; try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectException(451, "4.3.0 shutting down; try again later");
        }
    }

    /** SMTP replies are one line each; a report's problems may span several. */
    private static String oneLine(String text) {
        String flat = text.replaceAll("[\\r\\n]+", " ");
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "...";
    }

    @Override
    public void done() {
    }
}
