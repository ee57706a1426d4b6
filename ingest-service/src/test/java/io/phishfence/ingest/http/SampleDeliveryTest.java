package io.phishfence.ingest.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.ingest.Fixtures;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.IDN;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every JSON report of real senders in {@code ../shared/samples/tlsrpt/} goes in through the HTTPS endpoint and
 * comes out on Kafka with all its fields and counts, checked against an independent reading of the file.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class SampleDeliveryTest {

    static final Path SAMPLES = Path.of("..", "..", "shared", "samples", "tlsrpt");
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TenantDirectory directory;

    @TestFactory
    Stream<DynamicTest> everyJsonSampleComesOutWhole() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES),
                "sample folder " + SAMPLES.toAbsolutePath().normalize() + " is absent on this machine; skipped");
        List<Path> files;
        try (var walk = Files.walk(SAMPLES)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(file -> DynamicTest.dynamicTest(SAMPLES.relativize(file).toString(), () -> {
            byte[] body = Files.readAllBytes(file);
            JsonNode tree = JSON.readTree(body);
            var domains = new LinkedHashSet<String>();
            long successful = 0;
            long failed = 0;
            int details = 0;
            for (JsonNode policy : tree.get("policies")) {
                JsonNode domain = policy.path("policy").get("policy-domain");
                if (domain != null && domain.isTextual()) {
                    domains.add(IDN.toASCII(domain.asText()).toLowerCase(Locale.ROOT));
                }
                successful += policy.get("summary").get("total-successful-session-count").asLong();
                failed += policy.get("summary").get("total-failure-session-count").asLong();
                details += policy.path("failure-details").size();
            }
            var tenant = Fixtures.tenantWith(directory, domains.toArray(String[]::new));

            given().contentType("application/tlsrpt+json").body(body).post("/tlsrpt/" + tenant.token())
                    .then().statusCode(201);

            // Several samples share the RFC example's report-id: look for this tenant's copy.
            TlsReportReceived event = Fixtures.published(tree.get("report-id").asText(), tenant.id());
            assertEquals(tenant.id(), event.tenantId());
            assertEquals(tree.get("organization-name").asText(), event.report().organizationName());
            assertEquals(tree.get("policies").size(), event.report().policies().size());
            assertEquals(successful, event.report().totalSuccessfulSessions());
            assertEquals(failed, event.report().totalFailedSessions());
            assertEquals(details, event.report().policies().stream().mapToInt(p -> p.failureDetails().size()).sum());
            assertArrayEquals(body, event.raw(), "the original bytes, for download");
        }));
    }
}
