package io.phishfence.ingest.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.EmailDelivery;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.ingest.Fixtures;
import io.phishfence.ingest.report.ReportDecoder;
import io.phishfence.ingest.report.TlsReportParser;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.SmtpTestClient;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The SMTP rua channel over real sockets, with a real broker, a real DNS server and STARTTLS. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class SmtpIntakeTest {

    static final Path SAMPLES = Path.of("..", "..", "shared", "samples", "tlsrpt");
    static final String REPORTS_DOMAIN = "reports.phishfence.localhost";

    @Inject
    SmtpListener smtp;

    @Inject
    TenantDirectory directory;

    SmtpTestClient connect() throws IOException {
        var client = new SmtpTestClient("127.0.0.1", smtp.port());
        assertEquals(220, client.greeting().code());
        assertEquals(250, client.ehlo("sender.example").code());
        return client;
    }

    static String report(String reportId, String domain) {
        return """
                {"organization-name": "Mail Sender Inc.",
                 "date-range": {"start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"},
                 "contact-info": "tlsrpt@sender.example", "report-id": "%s",
                 "policies": [{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mode: enforce"],
                               "policy-domain": "%s"},
                               "summary": {"total-successful-session-count": 10, "total-failure-session-count": 1},
                               "failure-details": [{"result-type": "validation-failure", "failed-session-count": 1}]}]}
                """.formatted(reportId, domain);
    }

    /** A report mail as RFC 8460 5.3 shows it: multipart/report with a base64 gzip part. */
    static String mail(String to, String domain, String json) throws IOException {
        var gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        String attachment = Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(gz.toByteArray());
        return ("From: tlsrpt@sender.example\r\n"
                + "To: " + to + "\r\n"
                + "Date: Mon, 02 Nov 2026 01:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@sender.example>\r\n"
                + "Subject: Report Domain: " + domain + " Submitter: sender.example Report-ID: <x@sender.example>\r\n"
                + "TLS-Report-Domain: " + domain + "\r\n"
                + "TLS-Report-Submitter: sender.example\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "This is an aggregate TLS report from sender.example\r\n"
                + "--b1\r\n"
                + "Content-Type: application/tlsrpt+gzip\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"sender.example!" + domain + "!1!2.json.gz\"\r\n"
                + "\r\n"
                + attachment + "\r\n"
                + "--b1--\r\n");
    }

    @TestFactory
    Stream<DynamicTest> everyEmailSampleIsAcceptedWithItsHeaders() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES),
                "sample folder " + SAMPLES.toAbsolutePath().normalize() + " is absent on this machine; skipped");
        List<Path> files;
        try (var walk = Files.walk(SAMPLES)) {
            files = walk.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(SAMPLES.relativize(file).toString(), () -> {
            byte[] message = Files.readAllBytes(file);
            ReportMail mail = ReportMail.parse(message);
            var expected = TlsReportParser.parse(ReportDecoder.decode(mail.report(), 50L << 20));
            var domains = expected.policies().stream().map(p -> p.policy().policyDomain()).distinct()
                    .toArray(String[]::new);
            var tenant = Fixtures.tenantWith(directory, domains);

            try (var client = connect()) {
                var reply = client.send("reporter@sender.example", message, tenant.token() + "@" + REPORTS_DOMAIN);
                assertEquals(250, reply.code(), reply.text());
            }
            TlsReportReceived event = Fixtures.published(expected.reportId(), tenant.id());
            assertEquals(TlsReportReceived.CHANNEL_SMTP, event.channel());
            assertEquals(expected, event.report(), "all fields and counts");
            assertEquals(mail.reportDomain(), event.email().reportDomain());
            assertEquals(mail.submitter(), event.email().submitter());
            assertTrue(event.email().subject().startsWith("Report Domain:"), event.email().subject());
            assertArrayEquals(mail.report(), event.raw(), "the report part as received");
            // The samples' signers' keys are not in the test DNS: the verdict is recorded, the report kept.
            assertTrue(!event.email().dkim().passed(), event.email().dkim().toString());
        }));
    }

    @Test
    void recordsAPassingDkimSignature() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "signed.example");
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var pair = keys.generateKeyPair();
        DnsResource.server().addTxt("s1._domainkey.sender.example", "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        String id = "dkim-" + UUID.randomUUID();
        String message = mail(tenant.token() + "@" + REPORTS_DOMAIN, "signed.example", report(id, "signed.example"));
        var signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=sender.example; s=s1; "
                + "h=from:to:subject:date:message-id:tls-report-domain:tls-report-submitter; bh=; b=;", pair.getPrivate());
        String signature = signer.sign(new java.io.ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
        byte[] signed = (signature + "\r\n" + message).getBytes(StandardCharsets.US_ASCII);

        try (var client = connect()) {
            assertEquals(250, client.send("tlsrpt@sender.example", signed, tenant.token() + "@" + REPORTS_DOMAIN).code());
        }
        EmailDelivery.Dkim dkim = Fixtures.published(id).email().dkim();
        assertEquals(EmailDelivery.Dkim.PASS, dkim.result(), String.valueOf(dkim));
        assertEquals("sender.example", dkim.signingDomain());
    }

    @Test
    void recordsAnUnsignedReportAsDkimNone() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "unsigned.example");
        String id = "unsigned-" + UUID.randomUUID();
        try (var client = connect()) {
            byte[] message = mail("x", "unsigned.example", report(id, "unsigned.example")).getBytes(StandardCharsets.US_ASCII);
            assertEquals(250, client.send("", message, tenant.token() + "@" + REPORTS_DOMAIN).code());
        }
        var event = Fixtures.published(id);
        assertEquals(EmailDelivery.Dkim.NONE, event.email().dkim().result());
        assertEquals("unsigned.example", event.policyDomain());
    }

    @Test
    void refusesRecipientsThatAreNotReportingAddresses() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "relay.example");
        try (var client = connect()) {
            assertEquals(250, client.command("MAIL FROM:<a@sender.example>").code());
            assertEquals(550, client.command("RCPT TO:<someone@gmail.example>").code(), "not an open relay");
            assertEquals(550, client.command("RCPT TO:<" + tenant.token() + "@other.example>").code());
            assertEquals(550, client.command("RCPT TO:<nosuchtoken@" + REPORTS_DOMAIN + ">").code());
            assertEquals(250, client.command("RCPT TO:<" + tenant.token().toUpperCase() + "@"
                    + REPORTS_DOMAIN.toUpperCase() + ">").code(), "addresses are case-insensitive");
        }
    }

    @Test
    void refusesAMessageWithoutAReportWith554() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "noreport.example");
        try (var client = connect()) {
            var reply = client.send("a@sender.example", "Subject: hello\r\n\r\nJust text.\r\n".getBytes(StandardCharsets.US_ASCII),
                    tenant.token() + "@" + REPORTS_DOMAIN);
            assertEquals(554, reply.code());
            assertTrue(reply.text().contains("no TLS report"), reply.text());
        }
    }

    @Test
    void refusesAReportForAnotherDomainWith554() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "mine.example");
        try (var client = connect()) {
            var reply = client.send("a@sender.example", mail("x", "theirs.example",
                    report("x-" + UUID.randomUUID(), "theirs.example")).getBytes(StandardCharsets.US_ASCII),
                    tenant.token() + "@" + REPORTS_DOMAIN);
            assertEquals(554, reply.code());
            assertTrue(reply.text().contains("theirs.example"), reply.text());
        }
    }

    @Test
    void refusesAMimeBombWith554() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "bomb.example");
        var bomb = new StringBuilder("Subject: bomb\r\nMIME-Version: 1.0\r\n");
        for (int depth = 0; depth < 200; depth++) {
            bomb.append("Content-Type: multipart/mixed; boundary=\"b").append(depth).append("\"\r\n\r\n--b")
                    .append(depth).append("\r\n");
        }
        try (var client = connect()) {
            var reply = client.send("a@sender.example", bomb.toString().getBytes(StandardCharsets.US_ASCII),
                    tenant.token() + "@" + REPORTS_DOMAIN);
            assertEquals(554, reply.code(), reply.text());
        }
    }

    @Test
    void advertisesAndEnforcesTheSizeLimit() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "big.example");
        try (var client = new SmtpTestClient("127.0.0.1", smtp.port())) {
            var ehlo = client.ehlo("sender.example");
            assertTrue(ehlo.text().contains("SIZE 1048576"), ehlo.text());
            assertTrue(ehlo.text().contains("STARTTLS"), ehlo.text());
            var big = "Subject: big\r\n\r\n" + "x".repeat(78).concat("\r\n").repeat(14_000);
            var reply = client.send("a@sender.example", big.getBytes(StandardCharsets.US_ASCII),
                    tenant.token() + "@" + REPORTS_DOMAIN);
            assertEquals(552, reply.code(), reply.text());
        }
    }

    @Test
    void deliversOverStartTls() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "tls.example");
        String id = "tls-" + UUID.randomUUID();
        try (var client = new SmtpTestClient("127.0.0.1", smtp.port())) {
            client.ehlo("sender.example");
            assertEquals(220, client.startTls(TlsResource.clientContext()).code());
            assertEquals(250, client.ehlo("sender.example").code());
            var reply = client.send("a@sender.example", mail("x", "tls.example", report(id, "tls.example"))
                    .getBytes(StandardCharsets.US_ASCII), tenant.token() + "@" + REPORTS_DOMAIN);
            assertEquals(250, reply.code(), reply.text());
        }
        assertEquals(id, Fixtures.published(id).report().reportId());
    }
}
