package io.phishfence.ingest.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaReadinessContract;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The ingest service is ready once it knows the tenants and the report topic, and only while Kafka is there. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class HealthTest implements KafkaReadinessContract {

    @Test
    void readinessIncludesTheTenantDirectory() {
        await().until(() -> KafkaReadinessContract.ready().statusCode() == 200);
        assertEquals("UP", KafkaReadinessContract.checkStatus(KafkaReadinessContract.ready(), "tenant-directory"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
