package io.phishfence.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.Topics;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Removing a domain (owner-only, ADR 0008 and 0011): from the domain page through a confirmation page, or by
 * an owner's API token; the removal reaches the other services as a tombstone, and the stored reports are
 * hidden until the domain is added back. Real PostgreSQL, Kafka and SMTP server.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class DomainRemovalTest {

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification api(String token) {
        return given().header("Authorization", "Bearer " + token).redirects().follow(false);
    }

    @Test
    void anOwnerRemovesADomainAfterConfirmingAndItsReportsShowAgainWhenItIsAddedBack() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var owner = WebSession.signedUp("remove-" + tag + "@example.org", WebAppTest.PASSWORD);
        String domain = "remove-" + tag + ".example";
        owner.submit("/domains", "/domains", Map.of("name", domain));
        String token = owner.createApiToken("t");
        String tenantId = TestData.tenantOf(owner, dataSource);
        TestData.publishReports(TestData.report(tenantId, domain, "Sender " + tag, "r-" + tag,
                LocalDate.now(ZoneOffset.UTC).minusDays(1), 10));
        String reportId = TestData.awaitStored(dataSource, "r-" + tag);

        owner.get("/domains/" + domain).then().statusCode(200).body(containsString("/domains/" + domain + "/remove"));
        owner.get("/domains/" + domain + "/remove").then().statusCode(200).body(containsString("1 report stored"))
                .body(containsString("action=\"/domains/" + domain + "/remove\""));
        var removed = owner.submit("/domains/" + domain + "/remove", "/domains/" + domain + "/remove", Map.of());
        assertEquals(303, removed.statusCode());
        assertEquals(404, owner.get("/domains/" + domain).statusCode());
        owner.get("/domains").then().body(not(containsString(domain)));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestData.tombstoned(Topics.domainKey(tenantId, domain)));
        api(token).get("/api/v1/reports/" + reportId + "/raw").then().statusCode(404);

        owner.submit("/domains", "/domains", Map.of("name", domain));
        api(token).get("/api/v1/domains/" + domain + "/reports").then().statusCode(200).body("reportId", hasItem("r-" + tag));
        api(token).get("/api/v1/reports/" + reportId + "/raw").then().statusCode(200);
    }

    @Test
    void aMemberCannotRemoveADomainAndATokenActsWithItsCreatorsCurrentRole() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var owner = WebSession.signedUp("remove-owner-" + tag + "@example.org", WebAppTest.PASSWORD);
        String domain = "kept-" + tag + ".example";
        owner.submit("/domains", "/domains", Map.of("name", domain));
        String memberEmail = "remove-member-" + tag + "@example.org";
        var member = WebSession.joined(owner, memberEmail, WebAppTest.PASSWORD);
        String memberToken = member.createApiToken("member's");

        member.get("/domains/" + domain).then().statusCode(200).body(not(containsString("Remove this domain")));
        assertEquals(403, member.get("/domains/" + domain + "/remove").statusCode());
        assertEquals(403, member.submit("/domains/" + domain, "/domains/" + domain + "/remove", Map.of()).statusCode());
        api(memberToken).delete("/api/v1/domains/" + domain).then().statusCode(403)
                .contentType("application/problem+json");
        member.get("/domains/" + domain).then().statusCode(200);

        String memberId = TestData.accountId(dataSource, memberEmail);
        assertEquals(303, owner.submit("/team", "/team/members/" + memberId + "/role", Map.of("role", "owner")).statusCode());
        api(memberToken).delete("/api/v1/domains/" + domain).then().statusCode(204);
        owner.get("/domains/" + domain).then().statusCode(404);
    }
}
