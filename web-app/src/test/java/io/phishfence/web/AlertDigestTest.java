package io.phishfence.web;

import static io.phishfence.web.AlertDeliveryTest.MUTE_LINK;
import static io.phishfence.web.AlertDeliveryTest.awaitMails;
import static io.phishfence.web.AlertDeliveryTest.publish;
import static io.phishfence.web.AlertDeliveryTest.recipient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertResolved;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.testing.TestMailServer;
import io.phishfence.web.AlertDeliveryTest.TestTenant;
import io.phishfence.web.alert.digest.DigestJob;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The daily digest (ADR 0013), through Kafka, PostgreSQL and a real SMTP server. The digest job is off in tests;
 * each test runs it through its bean at an instant of its choosing, the way the scheduler would at that time. A
 * digest recipient's alerts are stored as waiting for the digest when they arrive, so once the immediate mails of
 * the same alerts are in, the rows tell that nothing else will be sent on its own.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class AlertDigestTest {

    /** After 07:00 UTC (the digest hour) of a day no other test uses. */
    static final Instant DIGEST_TIME = Instant.parse("2031-03-10T07:05:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DigestJob digests;

    @Test
    void aDigestRecipientGetsCriticalsAtOnceAndEverythingElseInOneDigest() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String page = AlertRecipientsTest.page(tenant);
        var member = WebSession.signedIn(tenant.member(), WebAppTest.PASSWORD);
        assertEquals(303, member.submit(page, page + "/delivery",
                Map.of("recipient", tenant.member(), "mode", "digest")).statusCode());
        assertTrue(member.get(page).asString().contains("value=\"digest\" checked"), "the page shows the choice");

        var regression = AlertDeliveryTest.regression(tenant, "MTA_STS_POLICY_UNREACHABLE");
        publish(AlertDeliveryTest.spike(tenant, "2026-11-20", AlertRaised.WARNING));
        publish(regression);
        publish(AlertDeliveryTest.spike(tenant, "2026-11-21", AlertRaised.WARNING));
        publish(AlertDeliveryTest.stopped(tenant));
        publish(AlertResolved.of(tenant.id(), tenant.domain(), regression.alertId(), regression.rule(),
                regression.subject(), Instant.now(), "Recovered on " + tenant.domain(),
                "The check no longer finds MTA_STS_POLICY_UNREACHABLE."));

        // The owner takes every alert at once: the first spike, the regression, reports stopped, the recovery (the
        // second spike is within the cooldown). The member takes only the critical regression at once.
        var immediate = awaitMails(tenant.members(), 5);
        assertEquals(4, mailsTo(immediate, tenant.owner()).size(), immediate.toString());
        assertEquals(List.of("[PhishFence] MTA-STS of " + tenant.domain() + " regressed"),
                mailsTo(immediate, tenant.member()).stream().map(TestMailServer.Mail::subject).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses(tenant.member()),
                statuses -> statuses.size() == 4 && statuses.stream().filter("digest"::equals).count() == 3);

        assertEquals(1, runUntilSent(DIGEST_TIME).get(0).assembled(), "one digest: the member's");
        var digest = awaitMails(Set.of(tenant.member()), 2).stream()
                .filter(m -> m.subject().contains("Daily digest")).toList();
        assertEquals(1, digest.size(), digest.toString());
        var mail = digest.get(0);
        assertEquals("[PhishFence] Daily digest of 2031-03-10: 2 alerts, 1 resolved on 1 domain", mail.subject());
        String text = mail.text();
        assertTrue(text.contains("== " + tenant.domain() + " =="), text);
        assertTrue(text.contains("TLS failures spiked for " + tenant.domain() + " on 2026-11-20"), text);
        assertTrue(text.contains("- Failed sessions: 200 of 1,000 (20.0%)"), text);
        assertTrue(text.contains("What to do: Check that every MX host"), text);
        assertTrue(text.contains("TLS reports for " + tenant.domain() + " stopped"), text);
        assertTrue(text.contains("Resolved: Recovered on " + tenant.domain()), text);
        assertFalse(text.contains("on 2026-11-21"), "the spike held back by the cooldown is not new: " + text);
        assertFalse(text.contains("regressed"), "the critical went at once and is not repeated: " + text);
        assertTrue(text.indexOf("on 2026-11-20") < text.indexOf("stopped"), "in the order they happened: " + text);
        assertTrue(text.contains("Open " + tenant.domain() + ": http://localhost:8080/domains/" + tenant.domain()), text);
        assertTrue(mail.html().contains("&lt;b&gt;Evil &amp; Co&lt;/b&gt;: 180"), "escaped: " + mail.html());
        var link = MUTE_LINK.matcher(text);
        assertTrue(link.find(), text);
        assertTrue(new WebSession().get(link.group(1)).asString().contains("Stop e-mailing <strong>" + tenant.member()),
                "the digest's mute link works");

        String history = member.get("/alerts?domain=" + tenant.domain()).asString();
        assertEquals(3, AlertDeliveryTest.count(history, tenant.member() + ": sent in the digest of 2031-03-10"),
                history);

        assertEquals(new DigestJob.Run(0, 0, 0), digests.run(DIGEST_TIME.plusSeconds(60)), "a second look: nothing");
        assertEquals(new DigestJob.Run(0, 0, 0), digests.run(DIGEST_TIME.plus(Duration.ofDays(1))),
                "a day without alerts: no digest");
        assertEquals(2, MailResource.server().to(tenant.member()).stream()
                .filter(m -> m.subject().startsWith("[PhishFence]")).count());
    }

    @Test
    void aRefusedDigestIsRetriedAndTheHistoryShowsIt() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "flaky");
        var flaky = WebSession.signedIn(tenant.member(), WebAppTest.PASSWORD);
        assertEquals(303, flaky.submit("/settings/alert-emails", "/settings/alert-emails", Map.of("mode", "digest"))
                .statusCode(), "a member chooses the digest in their own settings too");
        assertTrue(flaky.get("/settings/alert-emails").asString().contains("value=\"digest\" checked"));
        publish(AlertDeliveryTest.spike(tenant, "2026-11-20", AlertRaised.WARNING));
        awaitMails(Set.of(tenant.owner()), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses(tenant.member()), List.of("digest")::equals);

        Instant first = DIGEST_TIME.plus(Duration.ofDays(2));
        var refused = digests.run(first);
        assertEquals(1, refused.failed(), "the server refuses the first message to a flaky address: " + refused);
        String history = flaky.get("/alerts?domain=" + tenant.domain()).asString();
        assertTrue(history.contains(tenant.member() + ": in the digest of 2031-03-12, not sent yet"), history);
        assertTrue(history.contains("(1 attempts; last error:"), history);

        runUntilSent(first);
        var digest = awaitMails(Set.of(tenant.member()), 1);
        assertEquals(1, digest.size(), digest.toString());
        assertTrue(digest.get(0).subject().startsWith("[PhishFence] Daily digest of 2031-03-12"), digest.toString());
        assertTrue(flaky.get("/alerts?domain=" + tenant.domain()).asString()
                .contains(tenant.member() + ": sent in the digest of 2031-03-12"));
    }

    @Test
    void aRemovedMemberOrAddressIsNotMailedWhatWasWaitingForThem() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "leaver");
        String page = AlertRecipientsTest.page(tenant);
        String noc = "noc-" + tenant.domain().substring("alerts-".length(), "alerts-".length() + 8) + "@example.net";
        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        assertEquals(303, owner.submit(page, page, Map.of("email", noc)).statusCode());
        assertEquals(303, owner.submit(page, page + "/delivery", Map.of("recipient", noc, "mode", "digest"))
                .statusCode(), "an owner chooses for an extra address");
        var leaver = WebSession.signedIn(tenant.member(), WebAppTest.PASSWORD);
        assertEquals(303, leaver.submit(page, page + "/delivery", Map.of("recipient", tenant.member(), "mode", "digest"))
                .statusCode());
        assertEquals(403, leaver.submit(page, page + "/delivery", Map.of("recipient", noc, "mode", "immediate"))
                .statusCode(), "a member does not choose for an extra address");

        publish(AlertDeliveryTest.spike(tenant, "2026-11-20", AlertRaised.WARNING));
        awaitMails(Set.of(tenant.owner()), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses(tenant.member()).equals(List.of("digest"))
                && statuses(noc).equals(List.of("digest")));

        assertEquals(303, owner.submit("/team", "/team/members/" + accountId(tenant.member()) + "/remove", Map.of())
                .statusCode());
        assertEquals(303, owner.submit(page, page + "/remove", Map.of("email", noc)).statusCode());
        assertEquals(List.of("cancelled"), statuses(tenant.member()));
        assertEquals(List.of("cancelled"), statuses(noc));
        String history = owner.get("/alerts?domain=" + tenant.domain()).asString();
        assertTrue(history.contains(tenant.member() + ": cancelled: no longer a recipient"), history);

        digests.run(DIGEST_TIME.plus(Duration.ofDays(4)));
        assertEquals(0, digestsOf(tenant), "nothing waits for them, so no digest is assembled");
        assertTrue(MailResource.server().to(noc).isEmpty());
    }

    /** Runs the job from {@code at} on until it has sent a digest; each failure is retried 10 min later. */
    List<DigestJob.Run> runUntilSent(Instant at) {
        var next = new Instant[] {at};
        var runs = new ArrayList<DigestJob.Run>();
        // A refused or stalled send fails after up to a minute; three minutes allow for a retry of each.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var run = digests.run(next[0]);
            runs.add(run);
            next[0] = next[0].plus(Duration.ofMinutes(10));
            return run.sent() > 0 && run.failed() == 0;
        });
        return runs;
    }

    static List<TestMailServer.Mail> mailsTo(List<TestMailServer.Mail> mails, String address) {
        return mails.stream().filter(m -> recipient(m).equals(address)).toList();
    }

    /** The statuses of every delivery to {@code recipient}, in the order the alerts were stored. */
    List<String> statuses(String recipient) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select d.status from alert_delivery d "
                        + "join alert a on a.id = d.alert_ref where d.recipient = ? order by a.seq")) {
            statement.setString(1, recipient);
            var statuses = new ArrayList<String>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
            return statuses;
        }
    }

    String accountId(String email) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select id from account where email = ?")) {
            statement.setString(1, email);
            try (var row = statement.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    int digestsOf(TestTenant tenant) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select count(*) from alert_digest where tenant_id = ?")) {
            statement.setString(1, tenant.id());
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
