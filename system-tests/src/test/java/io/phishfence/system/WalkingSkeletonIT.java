package io.phishfence.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.devstack.FreePort;
import io.phishfence.testing.SmtpTestClient;
import io.phishfence.testing.TestMailServer;
import io.phishfence.testing.TestDnsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole product as {@code deploy/local/run.sh --detach --demo} starts it (three service processes, a real
 * Kafka broker, a real PostgreSQL, each on free ports), driven over HTTP: a customer signs up, adds a domain
 * and reads their rua address; a sender posts a report there; the customer sees it on the domain page.
 */
class WalkingSkeletonIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static Path home;
    static int webPort;
    static int ingestPort;
    static int smtpPort;
    static TestDnsServer dns;
    static TestMailServer mail;
    static final List<Long> started = new ArrayList<>();

    @BeforeAll
    static void startTheLocalStack() throws Exception {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "stack-").toAbsolutePath();
        webPort = FreePort.find();
        ingestPort = FreePort.find();
        smtpPort = FreePort.find();
        // The monitor asks this DNS server, where the test publishes the customer's records.
        dns = TestDnsServer.start();
        // The web app sends its account mail (sign-up verification) to this SMTP server.
        mail = TestMailServer.start();
        var run = script("run.sh", "--detach", "--demo");
        run.environment().putAll(Map.of(
                "PHISHFENCE_WEB_MAIL_MOCK", "false",
                "PHISHFENCE_WEB_MAIL_HOST", mail.host(),
                "PHISHFENCE_WEB_MAIL_PORT", Integer.toString(mail.port()),
                "PHISHFENCE_WEB_MAIL_START_TLS", "DISABLED"));
        // Alert e-mails go out within a second of their alert, and a failed send is retried a second later.
        run.environment().putAll(Map.of(
                "PHISHFENCE_WEB_ALERTS_SEND_EVERY", "1s",
                "PHISHFENCE_WEB_ALERTS_RETRY_INITIAL", "1s"));
        run.environment().putAll(Map.of(
                "PHISHFENCE_WEB_PORT", Integer.toString(webPort),
                "PHISHFENCE_INGEST_PORT", Integer.toString(ingestPort),
                "PHISHFENCE_MONITOR_PORT", Integer.toString(FreePort.find()),
                "PHISHFENCE_SMTP_PORT", Integer.toString(smtpPort),
                "PHISHFENCE_MONITOR_DNS_SERVER", dns.address(),
                "PHISHFENCE_POSTGRES_PORT", Integer.toString(FreePort.find()),
                "PHISHFENCE_KAFKA_PORT", Integer.toString(FreePort.find()),
                "PHISHFENCE_KAFKA_CONTROLLER_PORT", Integer.toString(FreePort.find()),
                // The public check refuses the .example names the test DNS server serves unless told otherwise.
                "PHISHFENCE_WEB_PUBLIC_CHECK_ALLOW_TEST_NAMES", "true"));
        Process process = run.start();
        boolean finished = process.waitFor(6, TimeUnit.MINUTES);
        String output = Files.readString(home.resolve("run.out"));
        assertTrue(finished && process.exitValue() == 0, "run.sh --detach failed:\n" + output);
        assertTrue(output.contains("PhishFence is ready"), output);
        try (var pids = Files.list(home.resolve("run"))) {
            for (Path pid : pids.toList()) {
                started.add(Long.parseLong(Files.readString(pid).trim()));
            }
        }
        assertEquals(4, started.size(), "devstack and three services");
    }

    @AfterAll
    static void stopTheLocalStackAndLeaveNothingBehind() throws Exception {
        if (home == null) {
            return;
        }
        Process stop = script("stop.sh").start();
        assertTrue(stop.waitFor(3, TimeUnit.MINUTES), "stop.sh did not finish");
        for (long pid : started) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " left behind");
        }
        dns.close();
        mail.close();
    }

    static ProcessBuilder script(String name, String... args) {
        var command = new ArrayList<String>();
        command.add(ROOT.resolve("deploy/local").resolve(name).toString());
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name.replace(".sh", ".out")).toFile());
        builder.environment().put("PHISHFENCE_HOME", home.toString());
        // The stack under test starts its own PostgreSQL and Kafka.
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        return builder;
    }

    @Test
    void everyServiceIsReady() throws Exception {
        for (String url : List.of("http://localhost:" + webPort, "http://localhost:" + ingestPort)) {
            assertEquals(200, new Browser(url).get("/q/health/ready").statusCode(), url);
        }
    }

    @Test
    void signUpAddDomainPostReportSeeIt() throws Exception {
        var customer = new Browser("http://localhost:" + webPort);
        String email = "owner-" + UUID.randomUUID() + "@e2e.example";
        String password = "a long enough password";
        customer.signUpVerifyAndLogIn(email, password, "E2E Ltd", mail);
        assertEquals(303, customer.submit("/domains", "/domains", Map.of("name", "e2e-shop.example")).statusCode());

        String domains = customer.get("/domains").body();
        String start = "id=\"rua-https\">";
        String rua = domains.substring(domains.indexOf(start) + start.length(), domains.indexOf('<', domains.indexOf(start)));
        String token = rua.substring(rua.lastIndexOf('/') + 1);

        String reportId = "e2e-" + UUID.randomUUID();
        byte[] report = gzip("""
                {"organization-name": "Sender Corp",
                 "date-range": {"start-datetime": "2026-11-27T00:00:00Z", "end-datetime": "2026-11-27T23:59:59Z"},
                 "contact-info": "tlsrpt@sender.example", "report-id": "%s",
                 "policies": [{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mode: enforce"],
                                          "policy-domain": "e2e-shop.example", "mx-host": ["mx.e2e-shop.example"]},
                               "summary": {"total-successful-session-count": 4211, "total-failure-session-count": 17},
                               "failure-details": [{"result-type": "certificate-expired", "failed-session-count": 17}]}]}
                """.formatted(reportId));
        // The new tenant and domain reach the ingest service through Kafka: a sender's retry would get through too.
        int status = eventually(() -> postReport(token, report), s -> s == 201);
        assertEquals(201, status);

        String page = eventually(() -> customer.get("/domains/e2e-shop.example").body(), p -> p.contains(reportId));
        assertTrue(page.contains("Sender Corp"), page);
        assertTrue(page.contains("4211") && page.contains("17"), "session counts shown");

        // The same report by e-mail to the tenant's mailto address: accepted, and still stored once.
        String mailto = between(domains, "id=\"rua-mailto\">", "<");
        String mail = "From: tlsrpt@sender.example\r\nSubject: Report Domain: e2e-shop.example\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"p\"\r\n\r\n--p\r\n"
                + "Content-Type: text/plain\r\n\r\nTLS report\r\n--p\r\nContent-Type: application/tlsrpt+gzip\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(report) + "\r\n--p--\r\n";
        try (var smtp = new SmtpTestClient("127.0.0.1", smtpPort)) {
            smtp.ehlo("sender.example");
            var reply = smtp.send("tlsrpt@sender.example", mail.getBytes(StandardCharsets.US_ASCII), mailto);
            assertEquals(250, reply.code(), reply.text());
        }
        String newReportId = "e2e-mail-" + UUID.randomUUID();
        try (var smtp = new SmtpTestClient("127.0.0.1", smtpPort)) {
            smtp.ehlo("sender.example");
            var reply = smtp.send("tlsrpt@sender.example", mail.replace(
                    java.util.Base64.getMimeEncoder().encodeToString(report),
                    java.util.Base64.getMimeEncoder().encodeToString(gzip(new String(ungzip(report), StandardCharsets.UTF_8)
                            .replace(reportId, newReportId)))).getBytes(StandardCharsets.US_ASCII), mailto);
            assertEquals(250, reply.code(), reply.text());
        }
        page = eventually(() -> customer.get("/domains/e2e-shop.example").body(), p -> p.contains(newReportId));
        assertEquals(1, page.split(reportId, -1).length - 1, "one report by two channels is stored once");
    }

    @Test
    void checkNowShowsTheStackStatusWithFixes() throws Exception {
        var customer = new Browser("http://localhost:" + webPort);
        String email = "checker-" + UUID.randomUUID() + "@e2e.example";
        customer.signUpVerifyAndLogIn(email, "a long enough password", "Checker Ltd", mail);
        customer.submit("/domains", "/domains", Map.of("name", "e2e-checked.example"));
        String domains = customer.get("/domains").body();
        String mailto = between(domains, "id=\"rua-mailto\">", "<");
        // The customer publishes a TLS-RPT record with their PhishFence mailbox, and no MTA-STS yet. (The local
        // stack's HTTPS address is plain http, which a TLS-RPT record may not name.)
        dns.addTxt("_smtp._tls.e2e-checked.example", "v=TLSRPTv1; rua=mailto:" + mailto);

        assertEquals(303, customer.submit("/domains/e2e-checked.example", "/domains/e2e-checked.example/check",
                Map.of()).statusCode());
        String page = eventually(() -> customer.get("/domains/e2e-checked.example").body(),
                p -> p.contains("PARTNER_TLSRPT_WITHOUT_MTA_STS"));
        assertTrue(page.contains("PARTNER_TLSRPT_WITHOUT_MTA_STS"), "the partner rule: TLS-RPT without MTA-STS");
        assertTrue(page.contains("MTA_STS_RECORD_MISSING") && page.contains("v=STSv1; id="), "the record to publish");
        assertTrue(page.contains("<span class=\"badge ok\">ok</span>"), "TLS-RPT reaches this tenant: ok");
    }

    @Test
    void aPublicCheckWithoutAnAccountEndsWithFindingsOnItsShareablePage() throws Exception {
        dns.addTxt("e2e-public.example", "v=spf1 +all");
        dns.addTxt("_dmarc.e2e-public.example", "v=DMARC1; p=none");
        var visitor = new Browser("http://localhost:" + webPort);
        var asked = visitor.submit("/", "/check", Map.of("domain", "E2E-Public.example"));
        assertEquals(303, asked.statusCode(), asked.body());
        String location = URI.create(asked.headers().firstValue("Location").orElseThrow()).getRawPath();
        assertTrue(location.matches("/check/[A-Za-z0-9_-]{22,}"), location);

        // Whoever has the address sees the result: a plain page load, as a shared link is opened.
        var stranger = new Browser("http://localhost:" + webPort);
        String page = eventually(() -> stranger.get(location).body(), p -> p.contains("SPF_PASS_ALL"));
        assertTrue(page.contains("SPF_PASS_ALL") && page.contains("DMARC_POLICY_NONE"), page);
        assertTrue(page.contains("MTA_STS_RECORD_MISSING") && page.contains("v=STSv1; id="), "the record to publish");
        assertTrue(page.contains("noindex"), "kept out of search engines");
        assertTrue(page.contains("href=\"/signup?domain=e2e-public.example\""), "ends with monitor this domain");
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    static byte[] ungzip(byte[] gzip) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void demoTenantCanLogInAndHasReportsToShow() throws Exception {
        var demo = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("demo.env"))) {
            demo.load(in);
        }
        var browser = new Browser("http://localhost:" + webPort);
        assertEquals(302, browser.logIn(demo.getProperty("PHISHFENCE_DEMO_EMAIL"),
                demo.getProperty("PHISHFENCE_DEMO_PASSWORD")).statusCode());
        String page = browser.get("/domains/demo-shop.example").body();
        assertTrue(page.contains("(demo data)"), "demo reports are marked as demo data");
        assertTrue(page.contains(demo.getProperty("PHISHFENCE_DEMO_RUA_TOKEN")), "the page shows the demo rua token");

        var summary = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + webPort
                        + "/api/v1/domains/demo-shop.example/summary"))
                .header("Authorization", "Bearer " + demo.getProperty("API_TOKEN")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, summary.statusCode(), "the demo API token reads the API");
        assertTrue(summary.body().contains("\"organizationName\":\"Google LLC (demo data)\""), summary.body());
    }

    @Test
    void aNewCustomerInARealBrowserSignsUpVerifiesAddsADomainAndSeesItsReport() throws Exception {
        try (var chrome = new ChromeCustomer("http://localhost:" + webPort)) {
            String email = "browser-" + UUID.randomUUID() + "@e2e.example";
            String password = "a long enough password";
            chrome.signUp(email, "Browser Ltd", password);
            chrome.open(mail.awaitMail(email, 1, Duration.ofSeconds(120)).link("/verify").orElseThrow());
            chrome.confirmAddress();
            chrome.logIn(email, password);

            chrome.addDomain("browser-shop.example");
            assertTrue(chrome.setupRecord().startsWith("v=TLSRPTv1; rua=mailto:"), chrome.setupRecord());
            String token = chrome.ruaToken();
            String status = chrome.checkNowAndAwaitStatusInPlace("browser-shop.example");
            assertTrue(status.contains("TLSRPT_RECORD_MISSING"), "the check's findings, swapped in: " + status);

            String reportId = "browser-" + UUID.randomUUID();
            // Two days ago, so that it falls in the domain page's default 30-day period whenever the test runs.
            String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2).toString();
            byte[] report = gzip("""
                    {"organization-name": "Browser Sender <b>Inc</b>",
                     "date-range": {"start-datetime": "%2$sT00:00:00Z", "end-datetime": "%2$sT23:59:59Z"},
                     "contact-info": "tlsrpt@sender.example", "report-id": "%1$s",
                     "policies": [{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mode: testing"],
                                              "policy-domain": "browser-shop.example", "mx-host": ["mx.browser-shop.example"]},
                                   "summary": {"total-successful-session-count": 987, "total-failure-session-count": 3},
                                   "failure-details": [{"result-type": "starttls-not-supported", "failed-session-count": 3}]}]}
                    """.formatted(reportId, day));
            assertEquals(201, (int) eventually(() -> postReport(token, report), s -> s == 201));

            chrome.awaitReportOnDomainPage("browser-shop.example", reportId);
            assertTrue(chrome.pageText().contains("Browser Sender <b>Inc</b>"), "sender text shown as text");
            chrome.assertDomainPageShowsReport(reportId, 987, 3);
            Path screenshot = chrome.screenshot(Path.of("target", "screenshots", "domain-page.png"));
            assertTrue(Files.size(screenshot) > 0, "screenshot saved as a build artifact");
        }
    }

    /**
     * Issue 6 end to end: reports posted to the ingest service build a 14-day baseline, then a spike day; the
     * monitor raises one alert and the web app e-mails it once to each member over real SMTP. More spike reports
     * within the cooldown e-mail nothing: proven by a later alert of another rule (a sender that failed every
     * session), which comes after them on the domain's partition and from the sender's queue, so once its mails
     * are in, any mail the reports before it caused would be in too; the history shows the held-back alert.
     */
    @Test
    void aSpikeOfReportsEmailsEachMemberOnceAndTheMuteLinkWorks() throws Exception {
        String domain = "e2e-alerts.example";
        String owner = "alert-owner-" + UUID.randomUUID() + "@e2e.example";
        String member = "alert-member-" + UUID.randomUUID() + "@e2e.example";
        String password = "a long enough password";
        var ownerBrowser = new Browser("http://localhost:" + webPort);
        ownerBrowser.signUpVerifyAndLogIn(owner, password, "Alerts Ltd", mail);
        assertEquals(303, ownerBrowser.submit("/domains", "/domains", Map.of("name", domain)).statusCode());
        joinByInvitation(ownerBrowser, member, password);
        String domains = ownerBrowser.get("/domains").body();
        String rua = between(domains, "id=\"rua-https\">", "<");
        String token = rua.substring(rua.lastIndexOf('/') + 1);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate spikeDay = today.minusDays(2);
        for (int daysBefore = 14; daysBefore >= 1; daysBefore--) {
            post(token, dayReport(domain, "Sender Corp", spikeDay.minusDays(daysBefore), 995, 5));
        }
        post(token, dayReport(domain, "Sender Corp", spikeDay, 800, 200));

        for (String recipient : List.of(owner, member)) {
            var spike = awaitAlertMails(recipient, 1).get(0);
            assertEquals("[PhishFence] TLS failures spiked for " + domain + " on " + spikeDay, spike.subject());
            assertTrue(spike.text().contains("- Failed sessions: 200 of 1,000 (20.0%)"), spike.text());
            assertTrue(spike.text().contains("- Usual failure rate: 0.5% (median of 14 days)"), spike.text());
            assertTrue(spike.text().contains("WHAT TO DO\n"), spike.text());
            assertTrue(spike.html().contains("href=\"http://localhost:" + webPort + "/domains/" + domain + "\""),
                    spike.html());
        }

        // Within the cooldown: more failures on the spike day (the same alert, not raised again) and a spike the
        // next day (a new alert of the same rule and domain, held back by the cooldown).
        post(token, dayReport(domain, "Second Sender", spikeDay, 700, 150));
        post(token, dayReport(domain, "Sender Corp", spikeDay.plusDays(1), 800, 200));
        post(token, dayReport(domain, "Broken Relay", spikeDay.plusDays(1), 0, 20));
        for (String recipient : List.of(owner, member)) {
            var mails = awaitAlertMails(recipient, 2);
            assertEquals(List.of("[PhishFence] TLS failures spiked for " + domain + " on " + spikeDay,
                    "[PhishFence] Broken Relay could not deliver securely to " + domain),
                    mails.stream().map(TestMailServer.Mail::subject).toList(), "nothing more within the cooldown");
        }
        String history = ownerBrowser.get("/alerts?domain=" + domain).body();
        assertTrue(history.contains("TLS failures spiked for " + domain + " on " + spikeDay.plusDays(1)), history);
        assertTrue(history.contains("Not sent: a like alert was e-mailed within the cooldown."), history);

        // The owner mutes spikes of this domain with the link of their mail: a page, then its button.
        URI muteLink = URI.create(alertMails(owner).get(0).link("/mute?token=").orElseThrow());
        var anonymous = new Browser("http://localhost:" + webPort);
        String mutePath = muteLink.getRawPath() + "?" + muteLink.getRawQuery();
        assertTrue(anonymous.get(mutePath).body().contains("Stop e-mailing <strong>" + owner + "</strong>"));
        var muted = anonymous.submit(mutePath, "/mute", Map.of("token", muteLink.getRawQuery().substring("token=".length())));
        assertEquals(200, muted.statusCode(), muted.body());
        assertTrue(muted.body().contains("no longer receives"), muted.body());
        String recipients = ownerBrowser.get("/domains/" + domain + "/alert-recipients").body();
        String ownersChoice = between(recipients, "aria-label=\"" + owner + "\"", "</section>");
        assertTrue(ownersChoice.contains("value=\"failure-spike\"> ") && ownersChoice.contains("value=\"check-regression\" checked>"),
                "the recipients page shows the owner's spike alerts off: " + ownersChoice);

        // A critical spike escalates past the cooldown: the member is e-mailed, the owner, who muted spikes, is not.
        post(token, dayReport(domain, "Sender Corp", today, 400, 600));
        var escalation = awaitAlertMails(member, 3).get(2);
        assertEquals("[PhishFence] TLS failures spiked for " + domain + " on " + today, escalation.subject());
        String afterMute = eventually(() -> ownerBrowser.get("/alerts?domain=" + domain).body(),
                page -> page.contains(owner + ": muted"));
        assertTrue(afterMute.contains(owner + ": muted"), afterMute);
        assertEquals(2, alertMails(owner).size(), "the owner's mute holds: " + alertMails(owner));
    }

    /** The owner invites {@code email}, who accepts through the link of the invitation mail. */
    void joinByInvitation(Browser owner, String email, String password) throws Exception {
        assertEquals(303, owner.submit("/team", "/team/invitations", Map.of("email", email)).statusCode());
        URI link = URI.create(mail.awaitMail(email, 1, Duration.ofSeconds(120)).link("/invitations/accept").orElseThrow());
        var invitee = new Browser("http://localhost:" + webPort);
        var accepted = invitee.submit(link.getRawPath() + "?" + link.getRawQuery(), "/invitations/accept",
                Map.of("token", link.getRawQuery().substring("token=".length()), "password", password));
        assertEquals(303, accepted.statusCode(), accepted.body());
    }

    static List<TestMailServer.Mail> alertMails(String recipient) {
        return mail.to(recipient).stream().filter(m -> m.subject().startsWith("[PhishFence]")).toList();
    }

    /**
     * Waits for {@code count} alert mails to {@code recipient}: a report passes ingest, Kafka, the monitor's rules
     * and the web app's sender first, on a machine that may be busy.
     */
    static List<TestMailServer.Mail> awaitAlertMails(String recipient, int count) throws Exception {
        return eventually(() -> alertMails(recipient), mails -> mails.size() >= count, Duration.ofMinutes(3));
    }

    void post(String token, byte[] report) throws Exception {
        assertEquals(201, (int) eventually(() -> postReport(token, report), s -> s == 201));
    }

    /** One sender's report for one UTC day, with its failures all of one type. */
    static byte[] dayReport(String domain, String sender, LocalDate day, long successful, long failed) throws IOException {
        return gzip("""
                {"organization-name": "%s",
                 "date-range": {"start-datetime": "%sT00:00:00Z", "end-datetime": "%sT23:59:59Z"},
                 "contact-info": "tlsrpt@sender.example", "report-id": "%s",
                 "policies": [{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mode: enforce"],
                                          "policy-domain": "%s", "mx-host": ["mx.%s"]},
                               "summary": {"total-successful-session-count": %d, "total-failure-session-count": %d},
                               "failure-details": [{"result-type": "certificate-expired", "failed-session-count": %d}]}]}
                """.formatted(sender, day, day, UUID.randomUUID(), domain, domain, successful, failed, failed));
    }

    int postReport(String token, byte[] gzip) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + ingestPort + "/tlsrpt/" + token))
                .header("Content-Type", "application/tlsrpt+gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    interface Attempt<T> {
        T get() throws Exception;
    }

    /** Retries for up to 60 s: the services meet through Kafka, so a change shows a moment later. */
    static <T> T eventually(Attempt<T> attempt, Predicate<T> done) throws Exception {
        return eventually(attempt, done, Duration.ofSeconds(60));
    }

    static <T> T eventually(Attempt<T> attempt, Predicate<T> done, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        T last = attempt.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(250);
            last = attempt.get();
        }
        return last;
    }

    static byte[] gzip(String text) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
