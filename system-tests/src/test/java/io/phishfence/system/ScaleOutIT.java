package io.phishfence.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.devstack.FreePort;
import io.phishfence.devstack.KafkaBroker;
import io.phishfence.devstack.PostgresServer;
import io.phishfence.devstack.TopicCreator;
import io.phishfence.events.Topics;
import io.phishfence.testing.PrometheusScrape;
import io.phishfence.testing.TestDnsServer;
import io.phishfence.testing.TestMailServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale-out on one machine: two ingest, two monitor and two web instances, each its own JVM from the packaged
 * service on its own port, against one Kafka broker and one PostgreSQL. A customer's session works on both web
 * instances; reports posted to both ingest instances are stored once each; the monitors split the domains, each
 * checked by exactly one of them once per interval; and when one monitor is killed, the other checks its domains
 * within a minute. Each monitor asks its own DNS server (both serve the same, empty, zones), so the servers'
 * query counts say which monitor checked which domain: the TLS-RPT check asks {@code _smtp._tls.<domain>} once
 * per check. The tests run in order on one stack: the last one kills a monitor.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration PATIENCE = Duration.ofMinutes(3);
    /** The requirement for a crashed monitor's domains, not a benchmark. */
    static final Duration TAKEOVER_DEADLINE = Duration.ofMinutes(1);
    static final List<String> DOMAINS = IntStream.range(0, 16).mapToObj(i -> "d" + i + ".scale-out.example").toList();
    static final String PASSWORD = "a long enough password";

    static Path home;
    static PostgresServer postgres;
    static KafkaBroker kafka;
    static TestMailServer mail;
    static final List<TestDnsServer> dns = new ArrayList<>();
    static final List<ServiceProcess> ingest = new ArrayList<>();
    static final List<ServiceProcess> monitors = new ArrayList<>();
    static final List<ServiceProcess> web = new ArrayList<>();
    static Browser customer;

    @BeforeAll
    static void startOneBrokerOneDatabaseAndTwoOfEachService() throws Exception {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "scale-out-").toAbsolutePath();
        postgres = PostgresServer.start(home.resolve("postgres"), 0);
        kafka = KafkaBroker.start(home.resolve("kafka"), 0, 0, "512m");
        TopicCreator.createMissing(kafka.bootstrapServers(), (short) 1);
        mail = TestMailServer.start();
        dns.add(TestDnsServer.start());
        dns.add(TestDnsServer.start());
        var common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER,
                "QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String sessionKey = Base64.getEncoder().encodeToString(key);
        for (int i = 0; i < 2; i++) {
            String instance = i == 0 ? "a" : "b";
            ingest.add(ServiceProcess.start("ingest-service", "ingest-" + instance, home, "256m", with(common, Map.of(
                    "PHISHFENCE_INGEST_SMTP_PORT", Integer.toString(FreePort.find()),
                    "PHISHFENCE_INGEST_DNS_SERVER", dns.get(i).address()))));
            monitors.add(ServiceProcess.start("monitor-service", "monitor-" + instance, home, "256m", with(common, Map.of(
                    "PHISHFENCE_MONITOR_DNS_SERVER", dns.get(i).address(),
                    "PHISHFENCE_MONITOR_DNS_TIMEOUT", "1s",
                    "PHISHFENCE_MONITOR_INTERVAL", INTERVAL.toSeconds() + "s",
                    "PHISHFENCE_MONITOR_SCHEDULE_TICK", TICK.toSeconds() + "s"))));
        }
        for (int i = 0; i < 2; i++) {
            var settings = new HashMap<>(common);
            settings.putAll(Map.of(
                    // The one setting two web instances must share to read each other's session cookies.
                    "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", sessionKey,
                    "PHISHFENCE_WEB_INGEST_URL", ingest.get(0).url(""),
                    "PHISHFENCE_WEB_MAIL_MOCK", "false",
                    "PHISHFENCE_WEB_MAIL_HOST", mail.host(),
                    "PHISHFENCE_WEB_MAIL_PORT", Integer.toString(mail.port()),
                    "PHISHFENCE_WEB_MAIL_START_TLS", "DISABLED"));
            web.add(ServiceProcess.start("web-app", "web-" + (i == 0 ? "a" : "b"), home, "256m", settings));
        }
        long started = System.nanoTime();
        for (var service : all()) {
            service.awaitReady(PATIENCE);
        }
        System.out.printf("ScaleOutIT: six instances ready %d s after start%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        var settings = new HashMap<>(common);
        settings.putAll(own);
        return settings;
    }

    static List<ServiceProcess> all() {
        var all = new ArrayList<>(ingest);
        all.addAll(monitors);
        all.addAll(web);
        return all;
    }

    @AfterAll
    static void stopEverything() throws Exception {
        var started = new ArrayList<AutoCloseable>(all());
        started.addAll(dns);
        started.addAll(java.util.Arrays.asList(mail, kafka, postgres));
        for (AutoCloseable each : started) {
            if (each != null) {
                each.close();
            }
        }
    }

    @Test
    @Order(1)
    void aSessionMadeOnOneWebInstanceWorksOnTheOther() throws Exception {
        customer = new Browser(web.get(0).url(""));
        String email = "scale-out-" + UUID.randomUUID() + "@e2e.example";
        customer.signUpVerifyAndLogIn(email, PASSWORD, "Scale-out Ltd", mail);
        var onB = customer.at(web.get(1).url(""));
        var domainsOnB = onB.get("/domains");
        assertEquals(200, domainsOnB.statusCode(), "the cookie made on web A opens /domains on web B");
        assertEquals(ruaToken(customer.get("/domains").body()), ruaToken(domainsOnB.body()), "the same tenant");

        // Forms too: the page and its CSRF token from one instance, alternately, as a load balancer would send them.
        for (int i = 0; i < DOMAINS.size(); i++) {
            var instance = i % 2 == 0 ? customer : onB;
            assertEquals(303, instance.submit("/domains", "/domains", Map.of("name", DOMAINS.get(i))).statusCode(),
                    DOMAINS.get(i));
        }
        String page = customer.get("/domains").body();
        assertTrue(DOMAINS.stream().allMatch(page::contains), "every domain listed on web A");
    }

    @Test
    @Order(2)
    void reportsPostedToBothIngestInstancesAreStoredOnceEach() throws Exception {
        String token = ruaToken(customer.get("/domains").body());
        String first = "scale-out-a-" + UUID.randomUUID();
        String second = "scale-out-b-" + UUID.randomUUID();
        // Each instance learns the new tenant through Kafka: a sender's retry gets through once it has.
        assertEquals(201, postUntilAccepted(ingest.get(0), token, report(first)));
        assertEquals(201, postUntilAccepted(ingest.get(1), token, report(second)));
        assertEquals(201, postUntilAccepted(ingest.get(1), token, report(first)), "the duplicate, to the other one");

        await("the web instances store both reports", () -> stored(first) >= 1 && stored(second) >= 1);
        await("the web instances have consumed every report published", ScaleOutIT::reportsAllConsumed);
        assertEquals(1, stored(first), first + " posted to both ingest instances is stored once");
        assertEquals(1, stored(second), second + " is stored once");
    }

    @Test
    @Order(3)
    void eachDomainIsCheckedByExactlyOneMonitorOncePerInterval() throws Exception {
        await("both monitors own domains, every domain by one",
                () -> owned(monitors.get(0)) > 0 && owned(monitors.get(1)) > 0
                        && owned(monitors.get(0)) + owned(monitors.get(1)) == DOMAINS.size());
        // Checks that started before the domains were split may still be finishing: let each domain be checked
        // once more, then count afresh.
        dns.forEach(TestDnsServer::clearQuestions);
        await("every domain checked since the split", () -> DOMAINS.stream().allMatch(d -> checks(d) >= 1));
        dns.forEach(TestDnsServer::clearQuestions);
        long from = System.nanoTime();
        await("every domain checked at least twice since", () -> DOMAINS.stream().allMatch(d -> checks(d) >= 2));
        Duration window = Duration.ofNanos(System.nanoTime() - from);

        for (String domain : DOMAINS) {
            long byA = checks(dns.get(0), domain);
            long byB = checks(dns.get(1), domain);
            assertTrue(byA == 0 ^ byB == 0, domain + " checked by exactly one monitor: A " + byA + ", B " + byB);
            // Never more often than once per interval (two monitors checking one domain would double it).
            long cycles = window.toMillis() / INTERVAL.toMillis() + 1;
            assertTrue(byA + byB <= cycles, domain + " checked " + (byA + byB) + " times in " + window + " (at most "
                    + cycles + ")");
        }
        assertFalse(checkedBy(dns.get(0)).isEmpty(), "monitor A checks some domains");
        assertFalse(checkedBy(dns.get(1)).isEmpty(), "monitor B checks some domains");
    }

    @Test
    @Order(4)
    void whenAMonitorIsKilledTheOtherChecksItsDomainsWithinAMinute() throws Exception {
        List<String> ofB = checkedBy(dns.get(1));
        List<String> ofA = checkedBy(dns.get(0));
        assertFalse(ofB.isEmpty(), "monitor B has domains to hand over");
        ServiceProcess victim = monitors.get(1);
        ServiceProcess survivor = monitors.get(0);

        victim.kill();
        long killed = System.nanoTime();
        assertFalse(victim.isAlive());
        dns.get(0).clearQuestions();

        long deadline = killed + TAKEOVER_DEADLINE.toNanos();
        Duration owns = null;
        Duration checksThem = null;
        while (checksThem == null && System.nanoTime() < deadline) {
            if (owns == null && owned(survivor) == DOMAINS.size()) {
                owns = Duration.ofNanos(System.nanoTime() - killed);
            }
            if (ofB.stream().allMatch(d -> checks(dns.get(0), d) > 0)) {
                checksThem = Duration.ofNanos(System.nanoTime() - killed);
            }
            Thread.sleep(200);
        }
        System.out.printf("ScaleOutIT: monitor B killed (SIGKILL); monitor A owned all %d domains after %s and had"
                + " checked B's %d domains after %s%n", DOMAINS.size(), owns, ofB.size(), checksThem);
        assertTrue(checksThem != null, "monitor A did not check B's domains " + ofB + " within " + TAKEOVER_DEADLINE
                + "; checked: " + checkedBy(dns.get(0)));
        await("monitor A still checks its own", () -> ofA.stream().allMatch(d -> checks(dns.get(0), d) > 0));
        assertEquals(DOMAINS.size(), checkedBy(dns.get(0)).size());
    }

    static String ruaToken(String domainsPage) {
        String rua = WalkingSkeletonIT.between(domainsPage, "id=\"rua-https\">", "<");
        return rua.substring(rua.lastIndexOf('/') + 1);
    }

    static String report(String reportId) {
        return """
                {"organization-name": "Scale-out Sender", "report-id": "%s",
                 "date-range": {"start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"},
                 "policies": [{"policy": {"policy-type": "sts", "policy-domain": "%s"},
                               "summary": {"total-successful-session-count": 10, "total-failure-session-count": 0}}]}
                """.formatted(reportId, DOMAINS.get(0));
    }

    static int postUntilAccepted(ServiceProcess instance, String token, String report) throws Exception {
        var http = HttpClient.newHttpClient();
        var post = HttpRequest.newBuilder(URI.create(instance.url("/tlsrpt/" + token)))
                .header("Content-Type", "application/tlsrpt+json")
                .POST(HttpRequest.BodyPublishers.ofString(report, StandardCharsets.UTF_8)).build();
        return WalkingSkeletonIT.eventually(() -> http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode(),
                status -> status == 201);
    }

    /** Reports with this sender report id in the web schema, counted in PostgreSQL itself. */
    static long stored(String reportId) {
        try (var c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, postgres.password());
                var st = c.prepareStatement("select count(*) from web.tls_report where report_id = ?")) {
            st.setString(1, reportId);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the web instances' group has committed every report on the topic: stored, or never to be. */
    static boolean reportsAllConsumed() {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            var committed = admin.listConsumerGroupOffsets("web-app-store").partitionsToOffsetAndMetadata().get();
            var ends = new HashMap<TopicPartition, OffsetSpec>();
            for (var partition : admin.describeTopics(List.of(Topics.TLSRPT_REPORTS)).allTopicNames().get()
                    .get(Topics.TLSRPT_REPORTS).partitions()) {
                ends.put(new TopicPartition(Topics.TLSRPT_REPORTS, partition.partition()), OffsetSpec.latest());
            }
            for (var end : admin.listOffsets(ends).all().get().entrySet()) {
                var at = committed.get(end.getKey());
                if (end.getValue().offset() > 0 && (at == null || at.offset() < end.getValue().offset())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Domains this monitor owns now, as its {@code phishfence_monitor_domains_owned} gauge says. */
    static long owned(ServiceProcess monitor) {
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(monitor.url("/q/metrics")))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return (long) new PrometheusScrape(metrics).value("phishfence_monitor_domains_owned");
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static long checks(String domain) {
        return checks(dns.get(0), domain) + checks(dns.get(1), domain);
    }

    static long checks(TestDnsServer server, String domain) {
        return server.questionsFor("_smtp._tls." + domain);
    }

    static List<String> checkedBy(TestDnsServer server) {
        return DOMAINS.stream().filter(d -> checks(server, d) > 0).toList();
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
}
