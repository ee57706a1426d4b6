package io.phishfence.web.guide;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The public pages: the landing page and one guide per protocol, each with every section and a way to sign up. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class GuidesTest {

    @ParameterizedTest
    @EnumSource(Guide.class)
    void everyGuideHasItsSectionsAnExampleAndSignUp(Guide guide) {
        given().get("/guides/" + guide.slug).then().statusCode(200)
                .body(containsString("<h2 id=\"tldr\">TL;DR</h2>"))
                .body(containsString("<h2 id=\"how\">How it works</h2>"))
                .body(containsString("<pre class=\"record\">"))
                .body(containsString("<h2 id=\"pitfalls\">Common pitfalls</h2>"))
                .body(containsString("href=\"/signup\">Sign up free</a>"))
                .body(containsString(guide.reference));
    }

    @Test
    void theTlsRptGuideWarnsAboutTheTwoCommonestMistakes() {
        given().get("/guides/tls-rpt").then().statusCode(200)
                .body(containsString("TLS-RPT without MTA-STS or DANE"))
                .body(containsString("A rua mailbox nobody reads"))
                .body(containsString("v=TLSRPTv1; rua=mailto:"));
    }

    @Test
    void theIndexAndTheLandingPageLinkEveryGuide() {
        for (Guide guide : Guide.values()) {
            given().get("/guides").then().statusCode(200).body(containsString("href=\"/guides/" + guide.slug + "\""));
            given().get("/").then().statusCode(200).body(containsString("href=\"/guides/" + guide.slug + "\""));
        }
    }

    @Test
    void anUnknownGuideIsNotFound() {
        given().get("/guides/../layout/base").then().statusCode(404);
        given().get("/guides/nonsense").then().statusCode(404);
    }
}
