package io.phishfence.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.devstack.PostgresServer;
import java.time.Duration;

/**
 * A PostgreSQL outage under a running service, for its {@code @QuarkusTest}: the embedded server
 * ({@link PostgresResource}) stops; {@code /q/health/ready} must say DOWN, its database check DOWN, while
 * {@code /q/health/live} stays UP (a restart cannot bring the database back); the test does what it wants done
 * meanwhile; the server starts again on the same port and data, and the service must be ready again by itself.
 */
public final class DatabaseOutage {

    public static final String DATABASE_CHECK = "Database connections health check";

    /** What a test does while the database is away. */
    @FunctionalInterface
    public interface WhileDown {
        void run() throws Exception;
    }

    private DatabaseOutage() {
    }

    /** Whether the tests run on the embedded server, which this can stop (not on an external one). */
    public static boolean possible() {
        return PostgresResource.server().isPresent();
    }

    /**
     * Whether the named consumer holds now ({@code phishfence_consumer_held}): it met the outage on a message and
     * keeps it, uncommitted, for when the database is back.
     */
    public static boolean held(String consumer) {
        return new PrometheusScrape(given().get("/q/metrics").asString())
                .value("phishfence_consumer_held", "consumer", consumer) == 1;
    }

    public static void during(WhileDown whileDown) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> KafkaReadinessContract.ready().statusCode() == 200);
        assertEquals("UP", KafkaReadinessContract.checkStatus(KafkaReadinessContract.ready(), DATABASE_CHECK));

        PostgresServer database = PostgresResource.server().orElseThrow();
        database.close();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> KafkaReadinessContract.ready().statusCode() == 503);
            assertEquals("DOWN", KafkaReadinessContract.checkStatus(KafkaReadinessContract.ready(), DATABASE_CHECK));
            assertEquals(200, given().get("/q/health/live").statusCode(), "an outage is no reason to restart");
            whileDown.run();
            assertEquals(200, given().get("/q/health/live").statusCode(), "still live at the end of the outage");
        } finally {
            PostgresResource.restarted(database.restart());
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> KafkaReadinessContract.ready().statusCode() == 200);
        assertEquals("UP", KafkaReadinessContract.checkStatus(KafkaReadinessContract.ready(), DATABASE_CHECK));
    }
}
