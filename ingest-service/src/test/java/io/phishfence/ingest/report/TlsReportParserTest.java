package io.phishfence.ingest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.tlsrpt.TlsReport;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsReportParserTest {

    private static final String RFC_EXAMPLE = """
            {
              "organization-name": "Company-X",
              "date-range": {"start-datetime": "2016-04-01T00:00:00Z", "end-datetime": "2016-04-01T23:59:59Z"},
              "contact-info": "sts-reporting@company-x.example",
              "report-id": "5065427c-23d3-47ca-b6e0-946ea0e8c4be",
              "policies": [{
                "policy": {
                  "policy-type": "sts",
                  "policy-string": ["version: STSv1", "mode: testing", "mx: *.mail.company-y.example", "max_age: 86400"],
                  "policy-domain": "company-y.example",
                  "mx-host": ["*.mail.company-y.example"]
                },
                "summary": {"total-successful-session-count": 5326, "total-failure-session-count": 303},
                "failure-details": [{
                  "result-type": "certificate-expired",
                  "sending-mta-ip": "2001:db8:abcd:0012::1",
                  "receiving-mx-hostname": "mx1.mail.company-y.example",
                  "failed-session-count": 100
                }, {
                  "result-type": "starttls-not-supported",
                  "sending-mta-ip": "2001:db8:abcd:0013::1",
                  "receiving-mx-hostname": "mx2.mail.company-y.example",
                  "receiving-ip": "203.0.113.56",
                  "failed-session-count": 200,
                  "additional-information": "https://reports.company-x.example/report_info?id=5065427c-23d3#StarttlsNotSupported"
                }, {
                  "result-type": "validation-failure",
                  "sending-mta-ip": "198.51.100.62",
                  "receiving-ip": "203.0.113.58",
                  "receiving-mx-hostname": "mx-backup.mail.company-y.example",
                  "failed-session-count": 3,
                  "failure-reason-code": "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED"
                }]
              }]
            }
            """;

    private static TlsReport parse(String json) throws InvalidReportException {
        return TlsReportParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidReportException rejected(String json) {
        return assertThrows(InvalidReportException.class, () -> parse(json));
    }

    @Test
    void readsTheRfcExampleWithAllItsFieldsAndCounts() throws Exception {
        TlsReport report = parse(RFC_EXAMPLE);
        assertEquals("Company-X", report.organizationName());
        assertEquals("5065427c-23d3-47ca-b6e0-946ea0e8c4be", report.reportId());
        assertEquals(5326, report.totalSuccessfulSessions());
        assertEquals(303, report.totalFailedSessions());
        var policy = report.policies().get(0);
        assertEquals("company-y.example", policy.policy().policyDomain());
        assertEquals(4, policy.policy().policyStrings().size());
        assertEquals(3, policy.failureDetails().size());
        assertEquals("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED", policy.failureDetails().get(2).failureReasonCode());
        assertEquals(200, policy.failureDetails().get(1).failedSessionCount());
    }

    @Test
    void acceptsMxHostAsAStringAndTheProseSpellings() throws Exception {
        String json = RFC_EXAMPLE.replace("\"mx-host\": [\"*.mail.company-y.example\"]",
                        "\"mx-host-pattern\": \"*.mail.company-y.example\"")
                .replace("\"additional-information\"", "\"additional-info-uri\"");
        var policy = parse(json).policies().get(0);
        assertEquals(List.of("*.mail.company-y.example"), policy.policy().mxHosts());
        assertTrue(policy.failureDetails().get(1).additionalInformation().startsWith("https://reports."));
    }

    @Test
    void unfoldsATlsaPolicyStringSentAsOneJsonEncodedArray() throws Exception {
        String json = RFC_EXAMPLE.replace(
                "[\"version: STSv1\", \"mode: testing\", \"mx: *.mail.company-y.example\", \"max_age: 86400\"]",
                "[\"[\\\"3 1 1 AAAA\\\",\\\"3 1 1 BBBB\\\"]\"]");
        assertEquals(List.of("3 1 1 AAAA", "3 1 1 BBBB"), parse(json).policies().get(0).policy().policyStrings());
    }

    @Test
    void acceptsNullContactInfoAndCountsUpTo2To53() throws Exception {
        String json = RFC_EXAMPLE.replace("\"sts-reporting@company-x.example\"", "null")
                .replace("5326", "9007199254740991");
        var report = parse(json);
        assertNull(report.contactInfo());
        assertEquals(9_007_199_254_740_991L, report.policies().get(0).summary().totalSuccessfulSessionCount());
    }

    @Test
    void normalizesPolicyDomainsToLowerCaseALabels() throws Exception {
        var report = parse(RFC_EXAMPLE.replace("\"policy-domain\": \"company-y.example\"",
                "\"policy-domain\": \"Bücher.Example.\""));
        assertEquals("xn--bcher-kva.example", report.policies().get(0).policy().policyDomain());
    }

    @Test
    void keepsANoPolicyFoundResultWithoutPolicyDomain() throws Exception {
        var report = parse(RFC_EXAMPLE.replace("\"policy-type\": \"sts\"", "\"policy-type\": \"no-policy-found\"")
                .replace("\"policy-domain\": \"company-y.example\",", ""));
        assertNull(report.policies().get(0).policy().policyDomain());
    }

    @Test
    void keepsUnknownFieldsAsSentInEveryObject() throws Exception {
        String json = RFC_EXAMPLE
                .replace("\"report-id\":", "\"x-build\": {\"v\": [1, 2.5, null, true]}, \"report-id\":")
                .replace("\"end-datetime\":", "\"time-zone\": \"UTC\", \"end-datetime\":")
                .replace("\"policy\": {", "\"sequence\": 7, \"policy\": {")
                .replace("\"policy-type\": \"sts\",", "\"policy-type\": \"sts\", \"policy-id\": \"20260401\",")
                .replace("\"total-failure-session-count\": 303", "\"total-failure-session-count\": 303, \"total-session-count\": 5629")
                .replace("\"failed-session-count\": 100", "\"failed-session-count\": 100, \"first-seen\": null");
        TlsReport report = parse(json);
        var result = report.policies().get(0);
        assertEquals(List.of("x-build"), List.copyOf(report.unknownFields().keySet()));
        assertEquals("[1,2.5,null,true]", report.unknownFields().get("x-build").get("v").toString());
        assertEquals("UTC", report.dateRange().unknownFields().get("time-zone").asText());
        assertEquals(7, result.unknownFields().get("sequence").asInt());
        assertEquals("20260401", result.policy().unknownFields().get("policy-id").asText());
        assertEquals(5629, result.summary().unknownFields().get("total-session-count").asLong());
        assertTrue(result.failureDetails().get(0).unknownFields().get("first-seen").isNull());
        assertEquals(Map.of(), result.failureDetails().get(1).unknownFields());
    }

    @Test
    void theProseSpellingsAreKnownFieldsNotUnknownOnes() throws Exception {
        String json = RFC_EXAMPLE.replace("\"mx-host\":", "\"mx-host-pattern\":")
                .replace("\"additional-information\"", "\"additional-info-uri\"");
        var result = parse(json).policies().get(0);
        assertEquals(Map.of(), result.policy().unknownFields());
        assertEquals(Map.of(), result.failureDetails().get(1).unknownFields());
    }

    @Test
    void anUnknownFieldIsHeldToTheSameLimits() {
        assertTrue(rejected(RFC_EXAMPLE.replace("\"report-id\":", "\"x\": " + "[".repeat(20) + "]".repeat(20)
                + ", \"report-id\":")).getMessage().contains("limit"));
        assertTrue(rejected(RFC_EXAMPLE.replace("\"report-id\":", "\"x\": 1, \"x\": 2, \"report-id\":"))
                .getMessage().contains("Duplicate"));
    }

    @Test
    void listsViolationsInTheModelsOrderWhateverTheOrderOfTheFields() {
        String reordered = """
                {"policies": [{"failure-details": [{"failed-session-count": -1}],
                               "summary": {"total-failure-session-count": 1},
                               "policy": {"policy-domain": "a.example"}}],
                 "date-range": {"end-datetime": "2026-01-01T00:00:00Z", "start-datetime": "2026-01-02T00:00:00Z"},
                 "organization-name": "Org"}
                """;
        var fields = rejected(reordered).violations().stream().map(InvalidReportException.Violation::field).toList();
        assertEquals(List.of("/report-id", "/date-range", "/policies/0/policy/policy-type",
                "/policies/0/summary/total-successful-session-count", "/policies/0/failure-details/0/result-type",
                "/policies/0/failure-details/0/failed-session-count"), fields);
    }

    @Test
    void readsDateTimesAsTheIsoFormatterDoes() {
        for (String text : List.of("2016-04-01T00:00:00Z", "2016-04-01T23:59:59Z", "2024-02-29T12:30:45Z",
                "0001-01-01T00:00:00Z", "2016-04-01t00:00:00z", "2016-04-01T00:00:00.123Z",
                "2016-04-01T02:00:00+02:00", "2016-04-01T00:00:00-00:30")) {
            assertEquals(OffsetDateTime.parse(text).toInstant(), TlsReportParser.instant(text), text);
        }
        for (String text : List.of("2016-02-30T00:00:00Z", "2016-04-01T24:00:00Z", "2016-13-01T00:00:00Z",
                "2016-04-01T00:00:60Z", "2016-04-01 00:00:00Z", "2016-04-0aT00:00:00Z", "2016-04-01T00:00:00",
                "+2016-04-01T00:00Z")) {
            assertThrows(DateTimeParseException.class, () -> TlsReportParser.instant(text), text);
        }
    }

    @Test
    void namesEveryOffendingField() {
        var error = rejected(RFC_EXAMPLE.replace("\"failed-session-count\": 100", "\"failed-session-count\": -1")
                .replace("\"report-id\": \"5065427c-23d3-47ca-b6e0-946ea0e8c4be\",", "")
                .replace("\"2016-04-01T23:59:59Z\"", "\"yesterday\""));
        var fields = error.violations().stream().map(InvalidReportException.Violation::field).toList();
        assertEquals(List.of("/report-id", "/date-range/end-datetime",
                "/policies/0/failure-details/0/failed-session-count"), fields);
    }

    @Test
    void rejectsCountsBeyond2To53AndFractions() {
        assertEquals("/policies/0/summary/total-successful-session-count",
                rejected(RFC_EXAMPLE.replace("5326", "9007199254740992")).violations().get(0).field());
        assertEquals("/policies/0/summary/total-failure-session-count",
                rejected(RFC_EXAMPLE.replace("303", "30.5")).violations().get(0).field());
    }

    @Test
    void rejectsDuplicateKeys() {
        assertTrue(rejected(RFC_EXAMPLE.replace("\"organization-name\": \"Company-X\",",
                "\"organization-name\": \"Company-X\", \"organization-name\": \"Other\","))
                .getMessage().contains("Duplicate"));
        // In every kind of object the parser reads, and in the values of fields it does not know.
        for (String duplicated : List.of(
                RFC_EXAMPLE.replace("\"end-datetime\":", "\"start-datetime\": \"2016-04-01T00:00:00Z\", \"end-datetime\":"),
                RFC_EXAMPLE.replace("\"policy-type\": \"sts\",", "\"policy-type\": \"sts\", \"policy-type\": \"tlsa\","),
                RFC_EXAMPLE.replace("\"total-failure-session-count\": 303", "\"total-failure-session-count\": 303, "
                        + "\"total-failure-session-count\": null"),
                RFC_EXAMPLE.replace("\"failed-session-count\": 3,", "\"failed-session-count\": 3, \"failed-session-count\": 4,"),
                RFC_EXAMPLE.replace("\"summary\":", "\"policy\": {}, \"summary\":"),
                RFC_EXAMPLE.replace("\"report-id\":", "\"x-extra\": {\"a\": [{\"b\": 1, \"b\": 2}]}, \"report-id\":"))) {
            var error = rejected(duplicated);
            assertTrue(error.getMessage().contains("Duplicate field"), error.getMessage());
            assertEquals(1, error.violations().size(), error.violations()::toString);
        }
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(500) + "]".repeat(500);
        assertTrue(rejected(RFC_EXAMPLE.replace("\"contact-info\": \"sts-reporting@company-x.example\"",
                "\"contact-info\": " + deep)).getMessage().contains("limit"));
    }

    @Test
    void rejectsWhatIsNotAReport() {
        rejected("");
        rejected("[]");
        rejected("{\"organization-name\": \"x\"");
        rejected("null");
    }
}
