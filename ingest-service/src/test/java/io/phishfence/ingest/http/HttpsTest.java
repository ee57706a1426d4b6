package io.phishfence.ingest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.ingest.Fixtures;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The rua endpoint served over TLS from a Quarkus TLS configuration (how to run it: ingest-service/README). */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class HttpsTest {

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    TenantDirectory directory;

    @Test
    void acceptsAReportOverTls() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "secure.example");
        String id = "https-" + UUID.randomUUID();
        var client = HttpClient.newBuilder().sslContext(TlsResource.clientContext()).build();
        var response = client.send(HttpRequest.newBuilder(URI.create(https + "tlsrpt/" + tenant.token()))
                .header("Content-Type", "application/tlsrpt+json")
                .POST(HttpRequest.BodyPublishers.ofString(BadInputTest.valid().replace(BadInputTest.MARKER, id)
                        .replace("victim.example", "secure.example")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("https", https.getProtocol());
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(id, Fixtures.published(id).report().reportId());
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsStoppedByTheHandshake() {
        var client = HttpClient.newHttpClient();
        Assertions.assertThrows(SSLHandshakeException.class, () -> client.send(
                HttpRequest.newBuilder(URI.create(https + "q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()));
    }
}
