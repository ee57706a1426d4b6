package io.phishfence.web;

import io.phishfence.testing.KafkaReadinessContract;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The web app is not ready while Kafka is gone: its pages would still load, but nothing a customer does would
 * reach the other services (see docs/operations.md on this choice).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class HealthTest implements KafkaReadinessContract {
}
