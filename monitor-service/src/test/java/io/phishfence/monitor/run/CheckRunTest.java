package io.phishfence.monitor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.CheckRequested;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.TenantUpserted;
import io.phishfence.events.Topics;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/** Checks asked for on Kafka and run on schedule, against a real DNS server, published on Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = {
        @ResourceArg(name = "property", value = "phishfence.monitor.dns.server"),
        @ResourceArg(name = "signed-zone", value = "asked.example"),
        @ResourceArg(name = "trust-anchor-property", value = "phishfence.monitor.dnssec.trust-anchors")})
@QuarkusTestResource(SmtpHostResource.class)
class CheckRunTest {

    static final String TENANT = "tenant-" + UUID.randomUUID();
    static final String MAILTO = "mailto:tok@reports.phishfence.example";
    static final String HTTPS = "https://ingest.phishfence.example/tlsrpt/tok";

    static void publish(String topic, String key, Event event) throws Exception {
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, event)).get();
        }
    }

    /** The first check of {@code domain} published after {@code since} that satisfies {@code wanted}. */
    static DomainChecked awaitCheck(String domain, Instant since, Predicate<DomainChecked> wanted) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DOMAIN_CHECKS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var event = (DomainChecked) EventJson.read(record.value());
                    if (event.domain().equals(domain) && !event.checkedAt().isBefore(since) && wanted.test(event)) {
                        return event;
                    }
                }
            }
        }
        throw new AssertionError("no matching check of " + domain + " was published");
    }

    static DomainChecked.Component component(DomainChecked check, String name) {
        return check.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void checkNowReportsEachComponentAndWhatChanged() throws Exception {
        var dns = DnsResource.server();
        dns.addTxt("_smtp._tls.asked.example", "v=TLSRPTv1; rua=" + MAILTO + "," + HTTPS);
        publish(Topics.TENANTS, TENANT, TenantUpserted.of(TENANT, "Acme", "tok", Instant.now(), MAILTO, HTTPS));

        Instant first = Instant.now();
        var request = CheckRequested.of(TENANT, "asked.example", first);
        publish(Topics.CHECK_REQUESTS, request.key(), request);
        var check = awaitCheck("asked.example", first, c -> true);
        assertEquals("request", check.trigger());
        assertEquals("ok", component(check, "tls-rpt").status(), check.toString());
        var mtaSts = component(check, "mta-sts");
        assertEquals("missing", mtaSts.status());
        assertTrue(mtaSts.findings().stream().anyMatch(f -> f.code().equals("PARTNER_TLSRPT_WITHOUT_MTA_STS")));
        assertTrue(check.changes().contains(new DomainChecked.Change("tls-rpt", null, "ok")), check.changes().toString());
        // The zone is signed with the key the monitor anchors on; no MX and no address, so nothing to probe.
        assertEquals("ok", component(check, "dnssec").status(), check.toString());
        assertEquals("missing", component(check, "mx").status());
        assertEquals("MX_MISSING", component(check, "mx").findings().get(0).code());
        // No mail server to probe, and no TLSA record where mail would go: DNS alone says DANE is not deployed.
        assertEquals("missing", component(check, "dane").status(), check.toString());
        assertEquals("DANE_NOT_DEPLOYED", component(check, "dane").findings().get(0).code());

        dns.remove("_smtp._tls.asked.example");
        Instant second = Instant.now();
        publish(Topics.CHECK_REQUESTS, request.key(), CheckRequested.of(TENANT, "asked.example", second));
        var regressed = awaitCheck("asked.example", second, c -> true);
        assertEquals("missing", component(regressed, "tls-rpt").status());
        assertEquals(List.of(new DomainChecked.Change("tls-rpt", "ok", "missing")), regressed.changes());
    }

    @Test
    void mxHostsAreProbedOnTheConfiguredPortAndTheirTlsaRecordsMatchedAfterValidation() throws Exception {
        var dns = DnsResource.server();
        Name domain = Name.fromString("probed.asked.example.");
        Name mx = Name.fromString(SmtpHostResource.HOST + ".");
        dns.add(new MXRecord(domain, DClass.IN, 300, 10, mx));
        dns.add(new ARecord(mx, DClass.IN, 300, InetAddress.getByName(SmtpHostResource.ADDRESS)));
        dns.add(new TLSARecord(Name.fromString("_25._tcp." + SmtpHostResource.HOST + "."), DClass.IN, 300, 3, 1, 1,
                MessageDigest.getInstance("SHA-256").digest(SmtpHostResource.leaf().getPublicKey().getEncoded())));

        Instant since = Instant.now();
        var request = CheckRequested.of(TENANT, "probed.asked.example", since);
        publish(Topics.CHECK_REQUESTS, request.key(), request);
        var check = awaitCheck("probed.asked.example", since, c -> true);
        var mxComponent = component(check, "mx");
        assertEquals("ok", mxComponent.status(), check.toString());
        assertEquals(List.of("MX_STARTTLS_OK"), mxComponent.findings().stream().map(DomainChecked.Finding::code).toList());
        var dane = component(check, "dane");
        assertEquals("ok", dane.status(), check.toString());
        assertEquals("DANE_TLSA_MATCH", dane.findings().get(0).code());
        assertEquals("ok", component(check, "dnssec").status());
    }

    @Test
    void domainsAreCheckedOnScheduleByTheInstanceThatOwnsThem() throws Exception {
        DnsResource.server().addTxt("_mta-sts.scheduled.example", "v=STSv1; id=1");
        Instant since = Instant.now();
        var domain = DomainUpserted.of(TENANT, "scheduled.example", since);
        publish(Topics.DOMAINS, domain.key(), domain);
        var check = awaitCheck("scheduled.example", since, c -> c.trigger().equals("schedule"));
        // The record is there but no policy host: the check says so rather than failing.
        assertTrue(component(check, "mta-sts").findings().stream()
                .anyMatch(f -> f.code().equals("MTA_STS_POLICY_HOST_MISSING")), check.toString());
    }

    @Test
    void theDkimSelectorsOfTheDomainEventAreChecked() throws Exception {
        var dns = DnsResource.server();
        dns.addTxt("retired._domainkey.signed.example", "v=DKIM1; k=rsa; p=");
        Instant since = Instant.now();
        var domain = DomainUpserted.of(TENANT, "signed.example", since, List.of("retired"));
        publish(Topics.DOMAINS, domain.key(), domain);
        var check = awaitCheck("signed.example", since, c -> c.trigger().equals("schedule"));
        var dkim = component(check, "dkim");
        assertEquals("warning", dkim.status(), check.toString());
        assertEquals(List.of("DKIM_KEY_REVOKED"), dkim.findings().stream().map(DomainChecked.Finding::code).toList());
        assertEquals("missing", component(check, "bimi").status());

        // A request, which any instance may take, sees the same selectors.
        Instant asked = Instant.now();
        var request = CheckRequested.of(TENANT, "signed.example", asked);
        publish(Topics.CHECK_REQUESTS, request.key(), request);
        var requested = awaitCheck("signed.example", asked, c -> c.trigger().equals("request"));
        assertEquals("warning", component(requested, "dkim").status(), requested.toString());
    }
}
