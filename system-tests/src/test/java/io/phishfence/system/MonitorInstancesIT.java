package io.phishfence.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.devstack.KafkaBroker;
import io.phishfence.devstack.PostgresServer;
import io.phishfence.devstack.TopicCreator;
import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.Topics;
import io.phishfence.testing.TestDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two monitor-service processes in one consumer group on {@code phishfence.domains}, against one Kafka broker and
 * one PostgreSQL: each domain is checked by exactly one of them, and when one dies the other takes its domains.
 * Each instance asks its own DNS server (both serve the same, empty, zones), so the servers' query counts say
 * which instance checked which domain: the TLS-RPT check asks {@code _smtp._tls.<domain>} once per check.
 */
class MonitorInstancesIT {

    static final int DOMAIN_COUNT = 24;
    static final String INTERVAL = "3s";
    static final Duration PATIENCE = Duration.ofMinutes(3);
    static final List<String> DOMAINS = IntStream.range(0, DOMAIN_COUNT).mapToObj(i -> "d" + i + ".instances.example")
            .toList();

    static Path home;
    static PostgresServer postgres;
    static KafkaBroker kafka;
    static TestDnsServer dnsOfA;
    static TestDnsServer dnsOfB;
    static MonitorProcess a;
    static MonitorProcess b;

    @BeforeAll
    static void startOneBrokerOneDatabaseAndPublishTheDomains() throws Exception {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "instances-").toAbsolutePath();
        postgres = PostgresServer.start(home.resolve("postgres"), 0);
        kafka = KafkaBroker.start(home.resolve("kafka"), 0, 0, "512m");
        TopicCreator.createMissing(kafka.bootstrapServers(), (short) 1);
        dnsOfA = TestDnsServer.start();
        dnsOfB = TestDnsServer.start();
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            for (String domain : DOMAINS) {
                var event = DomainUpserted.of("tenant-instances", domain, Instant.now());
                producer.send(new ProducerRecord<>(Topics.DOMAINS, event.key(), event)).get();
            }
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable started : new AutoCloseable[] {a, b, kafka, postgres, dnsOfA, dnsOfB}) {
            if (started != null) {
                started.close();
            }
        }
    }

    static MonitorProcess monitor(String name, TestDnsServer dns) throws Exception {
        return MonitorProcess.start(name, home, "256m", Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER,
                "QUARKUS_DATASOURCE_PASSWORD", postgres.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "PHISHFENCE_MONITOR_DNS_SERVER", dns.address(),
                "PHISHFENCE_MONITOR_INTERVAL", INTERVAL,
                "PHISHFENCE_MONITOR_SCHEDULE_TICK", "1s")).awaitReady(PATIENCE);
    }

    static long checks(TestDnsServer dns, String domain) {
        return dns.questionsFor("_smtp._tls." + domain);
    }

    static List<String> checkedBy(TestDnsServer dns) {
        return DOMAINS.stream().filter(d -> checks(dns, d) > 0).toList();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(250);
        }
    }

    @Test
    void eachDomainIsCheckedByOneInstanceAndTheSurvivorTakesOverTheOthers() throws Exception {
        a = monitor("monitor-a", dnsOfA);
        await("instance A checks every domain while alone", () -> checkedBy(dnsOfA).size() == DOMAIN_COUNT);

        b = monitor("monitor-b", dnsOfB);
        await("instance B gets partitions and checks", () -> !checkedBy(dnsOfB).isEmpty());
        // Checks that started before the hand-over may still be finishing: let them, then count afresh.
        Thread.sleep(Duration.parse("PT" + INTERVAL).multipliedBy(2).toMillis());
        dnsOfA.clearQuestions();
        dnsOfB.clearQuestions();
        await("every domain checked at least twice since", () -> DOMAINS.stream()
                .allMatch(d -> checks(dnsOfA, d) + checks(dnsOfB, d) >= 2));

        List<String> ofA = checkedBy(dnsOfA);
        List<String> ofB = checkedBy(dnsOfB);
        for (String domain : DOMAINS) {
            assertTrue(ofA.contains(domain) != ofB.contains(domain), domain + " checked by exactly one instance: A "
                    + checks(dnsOfA, domain) + " times, B " + checks(dnsOfB, domain) + " times");
        }
        assertFalse(ofA.isEmpty(), "A kept some partitions");
        assertFalse(ofB.isEmpty(), "B took some partitions");

        b.kill();
        assertFalse(ProcessHandle.of(b.pid()).map(ProcessHandle::isAlive).orElse(false));
        dnsOfA.clearQuestions();
        // The group notices B's death when its session times out, then A owns every partition again.
        await("instance A checks B's domains", () -> ofB.stream().allMatch(d -> checks(dnsOfA, d) > 0));
        await("instance A still checks its own", () -> ofA.stream().allMatch(d -> checks(dnsOfA, d) > 0));
        assertEquals(DOMAIN_COUNT, checkedBy(dnsOfA).size());
    }
}
