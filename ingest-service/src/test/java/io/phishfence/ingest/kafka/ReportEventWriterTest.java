package io.phishfence.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.phishfence.events.EmailDelivery;
import io.phishfence.events.EventJson;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.tlsrpt.DateRange;
import io.phishfence.events.tlsrpt.FailureDetail;
import io.phishfence.events.tlsrpt.Policy;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.Summary;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.ingest.Fixtures;
import io.phishfence.ingest.report.ReportDecoder;
import io.phishfence.ingest.report.TlsReportParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written event writer must give the very bytes of {@link EventJson#write}, which every consumer reads: the
 * real senders' samples, and each optional or free-form part one by one.
 */
class ReportEventWriterTest {

    static final Instant RECEIVED = Instant.parse("2026-11-29T15:25:01.123456Z");
    static final byte[] RAW = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, (byte) 0xff, 0, 42};

    static void assertSameBytes(TlsReportReceived event) {
        String expected = new String(EventJson.write(event), StandardCharsets.UTF_8);
        assertEquals(expected, new String(ReportEventWriter.write(event), StandardCharsets.UTF_8));
    }

    static TlsReportReceived https(TlsReport report, String policyDomain) {
        return TlsReportReceived.of("tenant-1", policyDomain, TlsReportReceived.CHANNEL_HTTPS, RECEIVED, report,
                "application/tlsrpt+gzip", RAW);
    }

    static TlsReport parsed(String json) throws Exception {
        return TlsReportParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everyJsonSampleIsWrittenAsDataBindingWritesIt() throws IOException {
        return Fixtures.jsonSamples().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            byte[] body = Files.readAllBytes(file);
            TlsReport report = TlsReportParser.parse(ReportDecoder.decode(body, 50L << 20));
            assertSameBytes(TlsReportReceived.of("tenant-1", "example.com", TlsReportReceived.CHANNEL_HTTPS, RECEIVED,
                    report, "application/tlsrpt+json", body));
        }));
    }

    @Test
    void unknownFieldsOfEveryKindAtEveryLevel() throws Exception {
        String value = "{\"n\": 1.50, \"big\": 123456789012345678901234567890, \"s\": \"\\u00e9\\\"\\n\\u2028\","
                + " \"a\": [true, null, {\"x\": []}], \"e\": {}}";
        assertSameBytes(https(parsed("""
                {"organization-name": "Örg \\"quoted\\"", "report-id": "r-1", "x-report": %1$s,
                 "date-range": {"start-datetime": "2026-04-01T00:00:00+02:00", "end-datetime": "2026-04-01T23:59:59.5Z",
                                "x-range": 7},
                 "policies": [{"policy": {"policy-type": "tlsa", "policy-string": ["[\\"3 1 1 ab\\", \\"3 0 1 cd\\"]"],
                                          "policy-domain": "bücher.example", "mx-host-pattern": "*.mx.example",
                                          "x-policy": %1$s},
                               "summary": {"total-successful-session-count": 9007199254740991,
                                           "total-failure-session-count": 0, "x-summary": "s"},
                               "failure-details": [{"result-type": "made-up", "failed-session-count": 1,
                                                    "additional-info-uri": "https://x.example/?a=1&b=<2>",
                                                    "x-detail": %1$s}],
                               "x-result": null}]}
                """.formatted(value)), "xn--bcher-kva.example"));
    }

    @Test
    void aReportWithoutPolicyDomainOrContactInfoAndEveryOptionalDetailField() throws Exception {
        assertSameBytes(https(parsed("""
                {"organization-name": "Org", "report-id": "r-2", "contact-info": null,
                 "date-range": {"start-datetime": "2026-04-01T00:00:00Z", "end-datetime": "2026-04-01T23:59:59Z"},
                 "policies": [{"policy": {"policy-type": "no-policy-found"},
                               "summary": {"total-successful-session-count": 0, "total-failure-session-count": 3},
                               "failure-details": [{"result-type": "starttls-not-supported", "sending-mta-ip": "2001:db8::1",
                                                    "receiving-mx-hostname": "mx.example", "receiving-mx-helo": "mx",
                                                    "receiving-ip": "203.0.113.9", "failed-session-count": 3,
                                                    "additional-information": "see", "failure-reason-code": "X"}]}]}
                """), null));
    }

    @Test
    void partsTheParserNeverLeavesEmptyAreWrittenAsDataBindingWouldAnyway() {
        var report = new TlsReport(null, new DateRange(null, null), null, null, List.of(
                new PolicyResult(null, null, List.of()),
                new PolicyResult(new Policy(null, null, null, null), new Summary(0, 0),
                        List.of(new FailureDetail(null, null, null, null, null, 0, null, null)))),
                Map.<String, JsonNode>of());
        assertSameBytes(new TlsReportReceived(1, "t", null, TlsReportReceived.CHANNEL_HTTPS, null, report, null,
                new byte[0], null));
        assertSameBytes(https(new TlsReport("o", null, "c", "r", List.of()), "d.example"));
    }

    @Test
    void aReportByEmailWithItsDkimVerdict() throws Exception {
        var email = new EmailDelivery("", "Report Domain: example.com \"Submitter\"", "example.com", null,
                new EmailDelivery.Dkim(EmailDelivery.Dkim.FAIL, "sender.example", "body hash did not verify"));
        TlsReport report = parsed("""
                {"organization-name": "Org", "report-id": "r-3",
                 "date-range": {"start-datetime": "2026-04-01T00:00:00Z", "end-datetime": "2026-04-01T23:59:59Z"},
                 "policies": [{"policy": {"policy-type": "sts", "policy-domain": "example.com", "mx-host": ["a", "b"]},
                               "summary": {"total-successful-session-count": 1, "total-failure-session-count": 0}}]}
                """);
        assertSameBytes(TlsReportReceived.byEmail("tenant-2", "example.com", RECEIVED, report, "application/tlsrpt+json",
                RAW, email));
    }
}
