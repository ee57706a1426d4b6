package io.phishfence.web;

import static io.phishfence.web.AlertDeliveryTest.awaitMails;
import static io.phishfence.web.AlertDeliveryTest.publish;
import static io.phishfence.web.AlertDeliveryTest.recipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.AlertRaised;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.testing.TestMailServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who receives a domain's alerts, chosen on the domain's alert-recipients page: extra addresses that an owner
 * adds, and per-rule opt-outs, each recipient for themselves (an owner for the extra addresses). Proven by the
 * mail a real SMTP server receives. An opted-out recipient's delivery is stored as muted when the alert arrives,
 * so once the other mails of the same alerts are in, its absence is final.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class AlertRecipientsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anOwnerAddsAnAddressThatReceivesOnlyTheAlertsChosenForIt() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String noc = "noc-" + tenant.domain().substring("alerts-".length(), "alerts-".length() + 8) + "@example.net";
        String page = page(tenant);
        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        assertEquals(303, owner.submit(page, page, Map.of("email", " " + noc.toUpperCase() + " ")).statusCode());
        assertEquals(303, owner.submit(page, page + "/rules",
                Map.of("recipient", noc, "rule", AlertRaised.RULE_REPORTS_STOPPED)).statusCode());
        String shown = owner.get(page).asString();
        assertTrue(shown.contains("<h2>" + noc + " <span class=\"muted\">extra address</span></h2>"), shown);
        assertTrue(shown.contains("value=\"" + AlertRaised.RULE_REPORTS_STOPPED + "\" checked"), shown);

        publish(AlertDeliveryTest.spike(tenant, "2026-11-20", AlertRaised.WARNING));
        publish(AlertDeliveryTest.stopped(tenant));
        var everyone = Set.of(tenant.owner(), tenant.member(), noc);
        var mails = awaitMails(everyone, 5);
        var nocMails = mails.stream().filter(m -> recipient(m).equals(noc)).toList();
        assertEquals(List.of("[PhishFence] TLS reports for " + tenant.domain() + " stopped"),
                nocMails.stream().map(TestMailServer.Mail::subject).toList(), "the extra address opted out of spikes");
        assertTrue(nocMails.get(0).text().contains("Choose who receives which alerts: http://localhost:8080" + page),
                nocMails.get(0).text());
        String history = owner.get("/alerts?domain=" + tenant.domain()).asString();
        assertTrue(history.contains(noc + ": muted"), history);

        assertEquals(303, owner.submit(page, page + "/remove", Map.of("email", noc)).statusCode());
        assertFalse(owner.get(page).asString().contains(noc), "removed");
    }

    @Test
    void aMemberChoosesTheirOwnAlertsAndOnlyOwnersChooseForOthers() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String page = page(tenant);
        var member = WebSession.signedIn(tenant.member(), WebAppTest.PASSWORD);
        assertTrue(member.get(page).asString().contains("Only an owner adds or removes extra addresses."));
        assertEquals(403, member.submit(page, page, Map.of("email", "someone@example.net")).statusCode(),
                "a member adds no address");
        assertEquals(403, member.submit(page, page + "/rules", Map.of("recipient", tenant.owner())).statusCode(),
                "a member chooses nothing for the owner");
        assertEquals(303, member.submit(page, page + "/rules",
                Map.of("recipient", tenant.member(), "rule", AlertRaised.RULE_CHECK_REGRESSION)).statusCode());

        publish(AlertDeliveryTest.spike(tenant, "2026-11-20", AlertRaised.WARNING));
        publish(AlertDeliveryTest.regression(tenant, "MTA_STS_POLICY_UNREACHABLE"));
        var mails = awaitMails(tenant.members(), 3);
        assertEquals(List.of("[PhishFence] MTA-STS of " + tenant.domain() + " regressed"), mails.stream()
                .filter(m -> recipient(m).equals(tenant.member())).map(TestMailServer.Mail::subject).toList(),
                "the member opted out of everything but check regressions");

        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        assertEquals(403, owner.submit(page, page + "/rules", Map.of("recipient", tenant.member())).statusCode(),
                "an owner does not choose for a member");
        var refused = owner.submit(page, page, Map.of("email", "not an address"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.asString().contains("That is not an e-mail address."), refused.asString());
        assertEquals(400, owner.submit(page, page, Map.of("email", tenant.member())).statusCode(),
                "a member is not added twice");

        var stranger = WebSession.signedUp(WebAppTest.uniqueEmail(), WebAppTest.PASSWORD);
        assertEquals(404, stranger.get(page).statusCode(), "another tenant's domain does not exist for them");
        assertEquals(404, stranger.submit("/domains", page + "/rules",
                Map.of("recipient", tenant.member())).statusCode());
    }

    static String page(AlertDeliveryTest.TestTenant tenant) {
        return "/domains/" + tenant.domain() + "/alert-recipients";
    }
}
