package io.phishfence.monitor.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaReadinessContract;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The monitor is ready while it reaches both Kafka and its database. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.monitor.dns.server"))
class HealthTest implements KafkaReadinessContract {

    @Test
    void readinessIncludesTheDatabase() {
        await().until(() -> KafkaReadinessContract.ready().statusCode() == 200);
        assertEquals("UP", KafkaReadinessContract.checkStatus(KafkaReadinessContract.ready(),
                "Database connections health check"));
    }
}
