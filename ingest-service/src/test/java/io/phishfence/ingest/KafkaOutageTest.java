package io.phishfence.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.devstack.KafkaBroker;
import io.phishfence.ingest.smtp.SmtpListener;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.SmtpTestClient;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The broker dies in the middle of a run: senders are told to retry (HTTP 503 with Retry-After, SMTP 451),
 * and once it is back every report that was answered 201 or 250 is on the topic exactly once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class KafkaOutageTest {

    static final String MAILBOX_DOMAIN = "reports.phishfence.localhost";

    @Inject
    TenantDirectory directory;

    @Inject
    SmtpListener smtp;

    String report(String id) {
        return """
                {"organization-name": "Outage Org", "report-id": "%s",
                 "date-range": {"start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"},
                 "policies": [{"policy": {"policy-type": "sts", "policy-domain": "outage.example"},
                               "summary": {"total-successful-session-count": 3, "total-failure-session-count": 0}}]}
                """.formatted(id);
    }

    int post(String token, String id) {
        return given().contentType("application/tlsrpt+json").body(report(id)).post("/tlsrpt/" + token).statusCode();
    }

    int mail(String token, String id) throws Exception {
        String message = "From: r@outage-sender.example\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: application/tlsrpt+json\r\n\r\n" + report(id).replace("\n", "\r\n");
        try (var client = new SmtpTestClient("127.0.0.1", smtp.port())) {
            client.ehlo("outage-sender.example");
            return client.send("r@outage-sender.example", message.getBytes(StandardCharsets.UTF_8),
                    token + "@" + MAILBOX_DOMAIN).code();
        }
    }

    @Test
    void sendersRetryWhileKafkaIsDownAndNothingAcceptedIsLostOrDoubled() throws Exception {
        Assumptions.assumeTrue(KafkaResource.broker().isPresent(), "needs the embedded broker to stop it");
        var tenant = Fixtures.tenantWith(directory, "outage.example");
        List<String> accepted = new ArrayList<>();

        String beforeHttp = "before-http-" + UUID.randomUUID();
        String beforeMail = "before-mail-" + UUID.randomUUID();
        assertEquals(201, post(tenant.token(), beforeHttp));
        assertEquals(250, mail(tenant.token(), beforeMail));
        accepted.add(beforeHttp);
        accepted.add(beforeMail);

        KafkaBroker broker = KafkaResource.broker().orElseThrow();
        broker.kill();

        String duringHttp = "during-http-" + UUID.randomUUID();
        var refused = given().contentType("application/tlsrpt+json").body(report(duringHttp))
                .post("/tlsrpt/" + tenant.token());
        assertEquals(503, refused.statusCode(), refused.asString());
        assertNotNull(refused.header("Retry-After"));
        String duringMail = "during-mail-" + UUID.randomUUID();
        assertEquals(451, mail(tenant.token(), duringMail));

        KafkaResource.restarted(broker.restart());

        // The senders retry, as RFC 8460 senders do, until they are answered with success.
        assertEquals(201, retry(() -> post(tenant.token(), duringHttp), 201));
        assertEquals(250, retry(() -> mail(tenant.token(), duringMail), 250));
        accepted.add(duringHttp);
        accepted.add(duringMail);
        String after = "after-" + UUID.randomUUID();
        assertEquals(201, post(tenant.token(), after));
        accepted.add(after);

        var counts = Fixtures.publishedCounts();
        for (String id : accepted) {
            assertEquals(1, counts.getOrDefault(id, 0), id + " is on the topic exactly once");
        }
        assertTrue(given().get("/q/health/ready").statusCode() == 200, "healthy again");
    }

    interface Attempt {
        int call() throws Exception;
    }

    static int retry(Attempt attempt, int success) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int status = attempt.call();
        while (status != success && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            status = attempt.call();
        }
        return status;
    }
}
