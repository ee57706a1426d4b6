package io.phishfence.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.devstack.KafkaBroker;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every service's health endpoints promise about Kafka: {@code /q/health/ready} says DOWN (503) while the
 * broker is gone and UP again once it is back, so that a load balancer stops sending work to an instance that
 * cannot do it; {@code /q/health/live} stays UP, so that an orchestrator does not restart instances for an
 * outage a restart cannot fix. A service's {@code @QuarkusTest} implements this interface to run it.
 */
public interface KafkaReadinessContract {

    String KAFKA_CHECK = "Kafka connection health check";

    @Test
    default void readinessFollowsKafkaAndLivenessDoesNot() throws Exception {
        Assumptions.assumeTrue(KafkaResource.broker().isPresent(), "needs the embedded broker to stop it");
        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
        assertEquals("UP", checkStatus(ready(), KAFKA_CHECK));

        KafkaBroker broker = KafkaResource.broker().orElseThrow();
        broker.kill();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 503);
            assertEquals("DOWN", checkStatus(ready(), KAFKA_CHECK));
            assertEquals(200, given().get("/q/health/live").statusCode(), "an outage is no reason to restart");
        } finally {
            KafkaResource.restarted(broker.restart());
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> ready().statusCode() == 200);
        assertEquals("UP", checkStatus(ready(), KAFKA_CHECK));
    }

    static Response ready() {
        return given().get("/q/health/ready");
    }

    /** The status of the named check in a health response, or null when it has no such check. */
    static String checkStatus(Response health, String name) {
        return health.jsonPath().getString("checks.find { it.name == '" + name + "' }.status");
    }
}
