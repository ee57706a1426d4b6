package io.phishfence.ingest.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.EventJson;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.ingest.Fixtures;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What senders (or attackers) send that is not a report: each case gets its documented status, never a 500,
 * the service stays healthy, and nothing of it reaches Kafka.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class BadInputTest {

    /** Every bad case carries this marker in its report-id where it has one: none may be published. */
    static final String MARKER = "bad-input-" + UUID.randomUUID();
    static final String JSON = "application/tlsrpt+json";
    static final String GZIP = "application/tlsrpt+gzip";
    static Fixtures.Tenant tenant;

    @Inject
    TenantDirectory directory;

    @BeforeEach
    void tenantWithDomain() {
        if (tenant == null) {
            tenant = Fixtures.tenantWith(directory, "victim.example");
        }
    }

    record Case(String name, String contentType, byte[] body, int status, boolean foreignToken) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    static String valid() {
        return """
                {"organization-name": "Org", "report-id": "%s",
                 "date-range": {"start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"},
                 "contact-info": "x@org.example",
                 "policies": [{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1"],
                                          "policy-domain": "victim.example", "mx-host": ["mx.victim.example"]},
                               "summary": {"total-successful-session-count": 1, "total-failure-session-count": 1},
                               "failure-details": [{"result-type": "certificate-expired", "failed-session-count": 1}]}]}
                """.formatted(MARKER);
    }

    static Case json(String name, String body, int status) {
        return new Case(name, JSON, body.getBytes(StandardCharsets.UTF_8), status, false);
    }

    static Case mutated(String name, String from, String to, int status) {
        String body = valid();
        if (!body.contains(from)) {
            throw new IllegalArgumentException(name + ": the valid report has no " + from);
        }
        return json(name, body.replace(from, to), status);
    }

    static byte[] gzip(byte[] data) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Stream<Case> cases() {
        byte[] gz = gzip(valid().getBytes(StandardCharsets.UTF_8));
        byte[] invalidUtf8 = valid().replace("\"Org\"", "\"O\u0000rg\"").getBytes(StandardCharsets.UTF_8);
        int nul = new String(invalidUtf8, StandardCharsets.UTF_8).indexOf('\u0000');
        invalidUtf8[nul] = (byte) 0xC3; // a lead byte followed by an ASCII letter: not UTF-8
        var cases = new ArrayList<Case>(List.of(
                json("empty body", "", 400),
                json("only white space", "   \n ", 400),
                json("JSON null", "null", 400),
                json("a JSON array", "[]", 400),
                json("a JSON string", "\"report\"", 400),
                json("truncated JSON", valid().substring(0, 120), 400),
                json("trailing garbage after the report", valid() + " {}", 400),
                new Case("truncated gzip", GZIP, Arrays.copyOf(gz, gz.length / 2), 400, false),
                new Case("gzip header then garbage", GZIP, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7}, 400, false),
                new Case("gzip inside gzip", GZIP, gzip(gz), 400, false),
                new Case("gzip bomb: 60 MB of zeros in 60 KB", GZIP, gzip(new byte[60 << 20]), 413, false),
                new Case("body over the compressed limit", JSON, new byte[(2 << 20) + 1], 413, false),
                new Case("invalid UTF-8", JSON, invalidUtf8, 400, false),
                json("nesting 500 deep", valid().replace("\"x@org.example\"", "[".repeat(500) + "]".repeat(500)), 400),
                json("a 1.5 MB string", valid().replace("\"x@org.example\"", "\"" + "a".repeat(1_500_000) + "\""), 400),
                mutated("organization-name of 2000 characters", "\"Org\"", "\"" + "o".repeat(2000) + "\"", 400),
                mutated("duplicate keys", "\"organization-name\": \"Org\",",
                        "\"organization-name\": \"Org\", \"organization-name\": \"Evil\",", 400),
                mutated("policies is an object", "\"policies\": [", "\"policies\": {\"x\": [", 400),
                mutated("a count as a string", "\"total-successful-session-count\": 1", "\"total-successful-session-count\": \"1\"", 400),
                mutated("a negative count", "\"failed-session-count\": 1", "\"failed-session-count\": -5", 400),
                mutated("a fractional count", "\"total-failure-session-count\": 1", "\"total-failure-session-count\": 1.5", 400),
                mutated("a count above 2^53", "\"total-failure-session-count\": 1", "\"total-failure-session-count\": 9007199254740993", 400),
                mutated("a count of 1e400", "\"total-failure-session-count\": 1", "\"total-failure-session-count\": 1e400", 400),
                mutated("NaN as a count", "\"total-failure-session-count\": 1", "\"total-failure-session-count\": NaN", 400),
                mutated("no report-id", "\"report-id\": \"" + MARKER + "\",", "", 400),
                mutated("no date-range", "\"date-range\": {\"start-datetime\": \"2026-11-01T00:00:00Z\", \"end-datetime\": \"2026-11-01T23:59:59Z\"},", "", 400),
                mutated("a date that is not RFC 3339", "\"2026-11-01T23:59:59Z\"", "\"01/11/2026\"", 400),
                mutated("end before start", "\"2026-11-01T23:59:59Z\"", "\"2026-10-01T00:00:00Z\"", 400),
                mutated("failure-details is a string", "\"failure-details\": [", "\"failure-details\": \"none\", \"x\": [", 400),
                mutated("a failure detail without result-type", "\"result-type\": \"certificate-expired\", ", "", 400),
                mutated("policy-string holds numbers", "[\"version: STSv1\"]", "[1, 2]", 400),
                mutated("mx-host is a number", "[\"mx.victim.example\"]", "42", 400),
                mutated("a policy-domain that is no domain name", "\"policy-domain\": \"victim.example\"", "\"policy-domain\": \"bad domain!\"", 400),
                mutated("a sts policy without policy-domain", "\"policy-domain\": \"victim.example\", ", "", 400),
                json("1001 policies", valid().replace("\"policies\": [", "\"policies\": [" + "{},".repeat(1000)), 400),
                mutated("a report for a domain of no tenant of this address", "\"policy-domain\": \"victim.example\"", "\"policy-domain\": \"other.example\"", 422),
                new Case("text/plain", "text/plain", valid().getBytes(StandardCharsets.UTF_8), 415, false),
                new Case("multipart/form-data", "multipart/form-data; boundary=x", valid().getBytes(StandardCharsets.UTF_8), 415, false),
                new Case("an unknown token", JSON, valid().getBytes(StandardCharsets.UTF_8), 404, true)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void getsItsDocumentedStatus(Case bad) {
        String token = bad.foreignToken() ? "unknowntoken" : tenant.token();
        var response = given().contentType(bad.contentType()).body(bad.body()).post("/tlsrpt/" + token);
        assertEquals(bad.status(), response.statusCode(), bad.name() + ": " + response.asString());
        if (bad.status() != 413) {
            assertEquals(Problem.MEDIA_TYPE, response.contentType(), "an RFC 9457 problem");
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @AfterAll
    static void nothingOfItWasPublished() {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TLSRPT_REPORTS));
            for (int i = 0; i < 8; i++) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var event = (TlsReportReceived) EventJson.read(record.value());
                    assertTrue(!event.report().reportId().equals(MARKER), "a bad input was published: " + event);
                }
            }
        }
    }
}
