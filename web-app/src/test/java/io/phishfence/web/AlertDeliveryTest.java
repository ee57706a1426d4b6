package io.phishfence.web;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertRaised.Evidence;
import io.phishfence.events.AlertResolved;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.Topics;
import io.phishfence.testing.KafkaResource;
import io.phishfence.web.account.Passwords;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.testing.TestMailServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Alerts in on Kafka, e-mails out through a real SMTP server: one per member, none within the cooldown, a mute
 * link that works, retries after a refused send. "None" is proven with a sentinel alert: the consumer handles a
 * domain's alerts in order and the sender sends in order, so once the sentinel's mails are in, any mail the
 * alerts before it caused would be in too.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class AlertDeliveryTest {

    static final Pattern MUTE_LINK = Pattern.compile("https?://[^/\\s]+(/mute\\?token=[A-Za-z0-9_\\-.]+)");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void oneMailPerMemberNothingMoreWithinTheCooldownAndTheMuteLinkWorks() throws Exception {
        var tenant = tenantWithTwoMembers("owner", "member");
        String domain = tenant.domain();

        publish(spike(tenant, "2026-11-20", AlertRaised.WARNING));
        var first = awaitMails(tenant.members(), 2);
        assertEquals(tenant.members(), first.stream().map(AlertDeliveryTest::recipient).collect(Collectors.toSet()),
                "one mail per member");
        for (var mail : first) {
            assertEquals("[PhishFence] TLS failures spiked for " + domain + " on 2026-11-20", mail.subject());
            assertTrue(mail.text().contains("- Failed sessions: 200 of 1,000 (20.0%)"), mail.text());
            assertTrue(mail.text().contains("WHAT TO DO\nCheck that every MX host"), mail.text());
            assertTrue(mail.html().contains("href=\"http://localhost:8080/domains/" + domain + "\""), mail.html());
            assertTrue(mail.html().contains("<code style=\"white-space: pre-wrap;\">&lt;b&gt;Evil &amp; Co&lt;/b&gt;: 180</code>"),
                    "sender-controlled text is escaped: " + mail.html());
            assertTrue(MUTE_LINK.matcher(mail.text()).find(), mail.text());
        }

        publish(spike(tenant, "2026-11-20", AlertRaised.WARNING));
        publish(spike(tenant, "2026-11-21", AlertRaised.WARNING));
        publish(regression(tenant, "MTA_STS_POLICY_UNREACHABLE"));
        var all = awaitMails(tenant.members(), 4);
        assertEquals(4, all.size(), "a replay and a like alert within the cooldown send nothing: " + all);
        assertTrue(all.subList(2, 4).stream().allMatch(m -> m.subject().contains("MTA-STS")), all.toString());

        var ownerSession = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        String history = ownerSession.get("/alerts?domain=" + domain).asString();
        assertTrue(history.contains("Not sent: a like alert was e-mailed within the cooldown."), history);
        assertEquals(3, count(history, "class=\"alert raised\""), history);

        var ownersFirst = first.stream().filter(m -> recipient(m).equals(tenant.owner())).findFirst().orElseThrow();
        var link = MUTE_LINK.matcher(ownersFirst.text());
        assertTrue(link.find());
        var anonymous = new WebSession();
        String confirm = anonymous.get(link.group(1)).asString();
        assertTrue(confirm.contains("Stop e-mailing <strong>" + tenant.owner() + "</strong>"), confirm);
        String token = link.group(1).substring("/mute?token=".length());
        var muted = anonymous.submit(link.group(1), "/mute", Map.of("token", token));
        assertEquals(200, muted.statusCode());
        assertTrue(muted.asString().contains("no longer receives"), muted.asString());
        assertEquals(400, anonymous.submit(link.group(1), "/mute", Map.of("token", token.substring(0, token.length() - 2)))
                .statusCode(), "an altered token mutes nothing");

        publish(spike(tenant, "2026-11-22", AlertRaised.CRITICAL));
        publish(stopped(tenant));
        var afterMute = awaitMails(tenant.members(), 7);
        assertEquals(7, afterMute.size(), afterMute.toString());
        var escalation = afterMute.subList(4, 7).stream().filter(m -> m.subject().contains("spiked")).toList();
        assertEquals(List.of(tenant.member()), escalation.stream().map(AlertDeliveryTest::recipient).toList(),
                "the escalation passes the cooldown, but not the owner's mute");
    }

    @Test
    void aRefusedSendIsRetriedAndTheHistoryShowsIt() throws Exception {
        var tenant = tenantWithTwoMembers("owner", "flaky");
        var before = MetricsTest.scrape();
        publish(regression(tenant, "MTA_STS_POLICY_UNREACHABLE"));
        var mails = awaitMails(tenant.members(), 2);
        assertEquals(tenant.members(), mails.stream().map(AlertDeliveryTest::recipient).collect(Collectors.toSet()));
        // The mail is in before the sender marks its row: wait for the row.
        var delivery = await().atMost(Duration.ofSeconds(30)).until(() -> delivery(tenant.member()),
                row -> row.get(0).equals("sent"));
        // The refused first attempt, then the one that went through.
        assertEquals("sent", delivery.get(0), delivery.toString());
        assertEquals(2, ((Number) delivery.get(1)).intValue(), delivery.toString());
        assertTrue(delivery.get(2).toString().contains("451 4.3.0 try again later"), delivery.toString());
        String history = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD).get("/alerts").asString();
        assertTrue(history.contains("2 attempts; last error:"), history);

        String[] labels = {"rule", AlertRaised.RULE_CHECK_REGRESSION, "severity", AlertRaised.CRITICAL};
        await().atMost(Duration.ofSeconds(30)).until(() -> MetricsTest.scrape().value(SENT, labels)
                >= before.value(SENT, labels) + 2);
        assertTrue(MetricsTest.scrape().value(FAILED, labels) >= before.value(FAILED, labels) + 1,
                "the refused attempt is counted");
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertFalse(metrics.contains(tenant.id()) || metrics.contains(tenant.member()), "no tenant or address in labels");
    }

    static final String SENT = "phishfence_alerts_sent_total";
    static final String FAILED = "phishfence_alert_emails_failed_total";

    @Test
    void aResolvedNoticeFollowsTheAlertThatWasMailed() throws Exception {
        var tenant = tenantWithTwoMembers("owner", "member");
        var raised = regression(tenant, "MTA_STS_POLICY_UNREACHABLE");
        publish(raised);
        awaitMails(tenant.members(), 2);
        publish(AlertResolved.of(tenant.id(), tenant.domain(), raised.alertId(), raised.rule(), raised.subject(),
                Instant.now(), "Recovered on " + tenant.domain() + ": MTA_STS_POLICY_UNREACHABLE",
                "The check no longer finds MTA_STS_POLICY_UNREACHABLE."));
        var mails = awaitMails(tenant.members(), 4);
        var resolved = mails.subList(2, 4);
        assertTrue(resolved.stream().allMatch(m -> m.subject().equals("[PhishFence] Resolved: Recovered on "
                + tenant.domain() + ": MTA_STS_POLICY_UNREACHABLE")), resolved.toString());
        assertTrue(resolved.get(0).text().contains("The check no longer finds MTA_STS_POLICY_UNREACHABLE."),
                resolved.get(0).text());
    }

    @Test
    void anotherTenantSeesNoneOfTheseAlerts() throws Exception {
        var tenant = tenantWithTwoMembers("owner", "member");
        publish(regression(tenant, "MTA_STS_RECORD_MISSING"));
        awaitMails(tenant.members(), 2);
        var other = WebSession.signedUp(WebAppTest.uniqueEmail(), WebAppTest.PASSWORD);
        String history = other.get("/alerts").asString();
        assertTrue(!history.contains(tenant.domain()), history);
        assertTrue(history.contains("No alerts"), history);
    }

    /** Status, attempts and last error of the one delivery to {@code recipient}. */
    List<Object> delivery(String recipient) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "select status, attempts, last_error from alert_delivery where recipient = ?")) {
            statement.setString(1, recipient);
            try (var row = statement.executeQuery()) {
                assertTrue(row.next());
                return java.util.Arrays.asList(row.getString(1), row.getInt(2), String.valueOf(row.getString(3)));
            }
        }
    }

    record TestTenant(String id, String domain, String owner, String member) {
        Set<String> members() {
            return Set.of(owner, member);
        }
    }

    TestTenant tenantWithTwoMembers(String ownerPrefix, String memberPrefix) throws SQLException {
        return tenantWithTwoMembers(dataSource, ownerPrefix, memberPrefix);
    }

    /**
     * Signs up (the owner), adds a domain, and adds a second, verified member to the same tenant, who can log in
     * with {@link WebAppTest#PASSWORD}.
     */
    static TestTenant tenantWithTwoMembers(AgroalDataSource dataSource, String ownerPrefix, String memberPrefix)
            throws SQLException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = ownerPrefix + "-" + suffix + "@example.org";
        String member = memberPrefix + "-" + suffix + "@example.org";
        String domain = "alerts-" + suffix + ".example";
        var session = WebSession.signedUp(owner, WebAppTest.PASSWORD);
        assertEquals(303, session.submit("/domains", "/domains", Map.of("name", domain)).statusCode());
        try (var connection = dataSource.getConnection()) {
            String tenantId;
            try (var select = connection.prepareStatement("select tenant_id from account where email = ?")) {
                select.setString(1, owner);
                try (var row = select.executeQuery()) {
                    row.next();
                    tenantId = row.getString(1);
                }
            }
            try (var insert = connection.prepareStatement("insert into account (id, tenant_id, email, password_hash, "
                    + "created_at, verified_at, role) values (?, ?, ?, ?, now(), now(), 'member')")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, tenantId);
                insert.setString(3, member);
                insert.setString(4, Passwords.hash(WebAppTest.PASSWORD));
                insert.executeUpdate();
            }
            return new TestTenant(tenantId, domain, owner, member);
        }
    }

    static AlertRaised spike(TestTenant tenant, String day, String severity) {
        return AlertRaised.of(tenant.id(), tenant.domain(), AlertRaised.RULE_FAILURE_SPIKE, "", day, severity,
                Instant.parse(day + "T23:00:00Z"), "TLS failures spiked for " + tenant.domain() + " on " + day,
                "200 of 1,000 (20.0%) TLS sessions failed.",
                List.of(new Evidence("Failed sessions", "200 of 1,000 (20.0%)"),
                        new Evidence("Senders with failures", "<b>Evil & Co</b>: 180")),
                "Check that every MX host listed in DNS accepts STARTTLS on port 25.");
    }

    static AlertRaised regression(TestTenant tenant, String code) {
        return AlertRaised.of(tenant.id(), tenant.domain(), AlertRaised.RULE_CHECK_REGRESSION, code,
                Instant.now().toString(), AlertRaised.CRITICAL, Instant.now(),
                "MTA-STS of " + tenant.domain() + " regressed", "The check found " + code + ".",
                List.of(new Evidence("Finding", code)), "Fix it, then press Check now.");
    }

    static AlertRaised stopped(TestTenant tenant) {
        return AlertRaised.of(tenant.id(), tenant.domain(), AlertRaised.RULE_REPORTS_STOPPED, "", "2026-11-18",
                AlertRaised.WARNING, Instant.now(), "TLS reports for " + tenant.domain() + " stopped",
                "No reports for 3 days.", List.of(), "Check the TLS-RPT record.");
    }

    static void publish(Event alert) throws Exception {
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            String key = alert instanceof AlertRaised raised ? raised.key() : ((AlertResolved) alert).key();
            producer.send(new ProducerRecord<>(Topics.ALERTS, key, alert)).get();
        }
    }

    static String recipient(TestMailServer.Mail mail) {
        return mail.recipients().get(0);
    }

    /**
     * Waits until {@code count} alert mails to {@code recipients} have arrived; returns them. The members' own
     * account mail (the sign-up's verification) is not counted. Three minutes: a send that stalls (the mail
     * client sometimes waits out the server's 30 s idle time-out, see issue 6) is retried after its own time-out.
     */
    static List<TestMailServer.Mail> awaitMails(Set<String> recipients, int count) {
        return await().atMost(Duration.ofSeconds(180)).until(() -> MailResource.server().received().stream()
                .filter(mail -> recipients.contains(recipient(mail)) && mail.subject().startsWith("[PhishFence]"))
                .toList(), mails -> mails.size() >= count);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
