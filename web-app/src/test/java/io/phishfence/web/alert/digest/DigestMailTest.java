package io.phishfence.web.alert.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.events.AlertRaised;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestMailTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-29");

    @Test
    void groupsByDomainInReadingOrderAndEachDomainsNoticesInTheOrderTheyHappened() {
        var mail = DigestMail.of(DAY, List.of(
                raised("zeta.example", "spike", "2026-11-28T10:00:00Z"),
                raised("xn--bcher-kva.example", "stopped", "2026-11-28T09:00:00Z"),
                resolved("alpha.example", "2026-11-28T12:00:00Z"),
                raised("alpha.example", "regression", "2026-11-28T08:00:00Z")),
                DigestMailTest::links, "https://app/settings/alert-emails");

        assertEquals(List.of("alpha.example", "bücher.example", "zeta.example"),
                mail.domains().stream().map(DigestMail.DomainSection::displayDomain).toList());
        var alpha = mail.domains().get(0);
        assertEquals(List.of("regression", "Recovered"), alpha.items().stream().map(DigestMail.Item::title).toList());
        assertEquals(List.of(false, true), alpha.items().stream().map(DigestMail.Item::resolved).toList());
        assertEquals("https://app/domains/alpha.example", alpha.domainUrl());
        assertEquals("https://app/mute?alpha.example/" + AlertRaised.RULE_FAILURE_SPIKE, alpha.items().get(0).muteUrl());
        assertEquals("https://app/domains/xn--bcher-kva.example", mail.domains().get(1).domainUrl(),
                "links keep the A-label; only the text shows the U-label");
        assertEquals("[PhishFence] Daily digest of 2026-11-29: 3 alerts, 1 resolved on 3 domains", mail.subject());
    }

    @Test
    void theSubjectCountsInTheSingularToo() {
        var oneAlert = DigestMail.of(DAY, List.of(raised("alpha.example", "spike", "2026-11-28T10:00:00Z")),
                DigestMailTest::links, "");
        assertEquals("[PhishFence] Daily digest of 2026-11-29: 1 alert on 1 domain", oneAlert.subject());
        var onlyResolved = DigestMail.of(DAY, List.of(resolved("alpha.example", "2026-11-28T10:00:00Z"),
                resolved("beta.example", "2026-11-28T11:00:00Z")), DigestMailTest::links, "");
        assertEquals("[PhishFence] Daily digest of 2026-11-29: 2 resolved on 2 domains", onlyResolved.subject());
    }

    @Test
    void theDigestOfADayIsDueFromTheConfiguredUtcHour() {
        assertEquals(LocalDate.parse("2026-11-28"), DigestJob.digestDay(Instant.parse("2026-11-29T06:59:59Z"), 7));
        assertEquals(DAY, DigestJob.digestDay(Instant.parse("2026-11-29T07:00:00Z"), 7));
        assertEquals(DAY, DigestJob.digestDay(Instant.parse("2026-11-29T23:59:59Z"), 7));
        assertEquals(DAY, DigestJob.digestDay(Instant.parse("2026-11-29T00:00:00Z"), 0));
    }

    @Test
    void aCriticalAlertGoesAtOnceEvenToADigestRecipientAndEverythingElseWaits() {
        assertEquals(DeliveryModes.PENDING,
                DeliveryModes.initialStatus(DeliveryModes.DIGEST, "raised", AlertRaised.CRITICAL));
        assertEquals(DeliveryModes.AWAITING_DIGEST,
                DeliveryModes.initialStatus(DeliveryModes.DIGEST, "raised", AlertRaised.WARNING));
        assertEquals(DeliveryModes.AWAITING_DIGEST,
                DeliveryModes.initialStatus(DeliveryModes.DIGEST, "resolved", "resolved"));
        assertEquals(DeliveryModes.PENDING,
                DeliveryModes.initialStatus(DeliveryModes.IMMEDIATE, "raised", AlertRaised.WARNING));
    }

    static DigestMail.Links links(DigestMail.Entry entry) {
        return new DigestMail.Links("https://app/domains/" + entry.domain(), "https://app/alerts?domain=" + entry.domain(),
                "https://app/mute?" + entry.domain() + "/" + entry.rule());
    }

    static DigestMail.Entry raised(String domain, String title, String at) {
        return new DigestMail.Entry("raised", domain, AlertRaised.RULE_FAILURE_SPIKE, AlertRaised.WARNING, title,
                "summary", List.of(new AlertRaised.Evidence("Failed", "3")), "advice", Instant.parse(at));
    }

    static DigestMail.Entry resolved(String domain, String at) {
        return new DigestMail.Entry("resolved", domain, AlertRaised.RULE_CHECK_REGRESSION, "resolved", "Recovered",
                "summary", List.of(), null, Instant.parse(at));
    }
}
