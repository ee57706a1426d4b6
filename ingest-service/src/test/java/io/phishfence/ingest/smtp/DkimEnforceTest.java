package io.phishfence.ingest.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.ingest.Fixtures;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.SmtpTestClient;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With {@code phishfence.ingest.smtp.dkim=enforce}, a report without a passing DKIM signature is refused. */
@QuarkusTest
@TestProfile(DkimEnforceTest.Enforce.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class DkimEnforceTest {

    public static class Enforce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("phishfence.ingest.smtp.dkim", "enforce");
        }
    }

    @Inject
    SmtpListener smtp;

    @Inject
    TenantDirectory directory;

    @Test
    void refusesAnUnsignedReportWith554() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "strict.example");
        byte[] message = SmtpIntakeTest.mail("x", "strict.example",
                SmtpIntakeTest.report("strict-" + UUID.randomUUID(), "strict.example")).getBytes(StandardCharsets.US_ASCII);
        try (var client = new SmtpTestClient("127.0.0.1", smtp.port())) {
            client.ehlo("sender.example");
            var reply = client.send("a@sender.example", message, tenant.token() + "@" + SmtpIntakeTest.REPORTS_DOMAIN);
            assertEquals(554, reply.code());
            assertTrue(reply.text().contains("DKIM"), reply.text());
        }
    }
}
