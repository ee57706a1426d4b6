package io.phishfence.ingest.kafka;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phishfence.events.EventJson;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.tlsrpt.DateRange;
import io.phishfence.events.tlsrpt.FailureDetail;
import io.phishfence.events.tlsrpt.Policy;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.Summary;
import io.phishfence.events.tlsrpt.TlsReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link TlsReportReceived} event as the same bytes as {@link EventJson#write}, field by field on Jackson's
 * streaming generator instead of through data binding. On the HTTPS hot path, data binding (a serializer per record,
 * reflective accessors, an inclusion check per property, the general date formatter) was 22% of the ingest's CPU
 * under load (docs/benchmarks.md); this writes the same names, order, inclusion rules and escaping, on a generator
 * of the same mapper. {@code ReportEventWriterTest} holds it to byte equality with {@link EventJson#write} over the
 * sample corpus and every optional part. Sender-defined values ({@code unknown-fields}) and the e-mail part, rare and
 * free-form, still go through the mapper.
 */
public final class ReportEventWriter {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private ReportEventWriter() {
    }

    public static byte[] write(TlsReportReceived event) {
        // Sized for a typical event (3 KB) with the raw report's base64 on top, so that it rarely grows.
        var out = new ByteArrayBuilder(4096 + event.raw().length * 4 / 3);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("type", TlsReportReceived.TYPE);
            json.writeNumberField("v", event.v());
            json.writeStringField("tenantId", event.tenantId());
            json.writeStringField("policyDomain", event.policyDomain());
            json.writeStringField("channel", event.channel());
            instant(json, "receivedAt", event.receivedAt());
            json.writeFieldName("report");
            report(json, event.report());
            json.writeStringField("rawContentType", event.rawContentType());
            json.writeBinaryField("raw", event.raw());
            json.writeFieldName("email");
            MAPPER.writeValue(json, event.email());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + event, e);
        }
        return out.toByteArray();
    }

    private static void report(JsonGenerator json, TlsReport report) throws IOException {
        json.writeStartObject();
        optional(json, "organization-name", report.organizationName());
        if (report.dateRange() != null) {
            json.writeFieldName("date-range");
            dateRange(json, report.dateRange());
        }
        optional(json, "contact-info", report.contactInfo());
        optional(json, "report-id", report.reportId());
        json.writeArrayFieldStart("policies");
        for (PolicyResult result : report.policies()) {
            policyResult(json, result);
        }
        json.writeEndArray();
        unknown(json, report.unknownFields());
        json.writeEndObject();
    }

    private static void dateRange(JsonGenerator json, DateRange range) throws IOException {
        json.writeStartObject();
        instant(json, "start-datetime", range.start());
        instant(json, "end-datetime", range.end());
        unknown(json, range.unknownFields());
        json.writeEndObject();
    }

    private static void policyResult(JsonGenerator json, PolicyResult result) throws IOException {
        json.writeStartObject();
        json.writeFieldName("policy");
        if (result.policy() == null) {
            json.writeNull();
        } else {
            policy(json, result.policy());
        }
        json.writeFieldName("summary");
        if (result.summary() == null) {
            json.writeNull();
        } else {
            summary(json, result.summary());
        }
        json.writeArrayFieldStart("failure-details");
        for (FailureDetail detail : result.failureDetails()) {
            failureDetail(json, detail);
        }
        json.writeEndArray();
        unknown(json, result.unknownFields());
        json.writeEndObject();
    }

    private static void policy(JsonGenerator json, Policy policy) throws IOException {
        json.writeStartObject();
        optional(json, "policy-type", policy.policyType());
        strings(json, "policy-string", policy.policyStrings());
        optional(json, "policy-domain", policy.policyDomain());
        strings(json, "mx-host", policy.mxHosts());
        unknown(json, policy.unknownFields());
        json.writeEndObject();
    }

    private static void summary(JsonGenerator json, Summary summary) throws IOException {
        json.writeStartObject();
        json.writeNumberField("total-successful-session-count", summary.totalSuccessfulSessionCount());
        json.writeNumberField("total-failure-session-count", summary.totalFailureSessionCount());
        unknown(json, summary.unknownFields());
        json.writeEndObject();
    }

    private static void failureDetail(JsonGenerator json, FailureDetail detail) throws IOException {
        json.writeStartObject();
        optional(json, "result-type", detail.resultType());
        optional(json, "sending-mta-ip", detail.sendingMtaIp());
        optional(json, "receiving-mx-hostname", detail.receivingMxHostname());
        optional(json, "receiving-mx-helo", detail.receivingMxHelo());
        optional(json, "receiving-ip", detail.receivingIp());
        json.writeNumberField("failed-session-count", detail.failedSessionCount());
        optional(json, "additional-information", detail.additionalInformation());
        optional(json, "failure-reason-code", detail.failureReasonCode());
        unknown(json, detail.unknownFields());
        json.writeEndObject();
    }

    /** A field of a class marked {@code NON_NULL}: left out when null. */
    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** As Jackson's {@code InstantSerializer} writes with timestamps off: ISO-8601, the form of {@link Instant#toString}. */
    private static void instant(JsonGenerator json, String name, Instant value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value.toString());
        }
    }

    /** {@code unknown-fields} is {@code NON_EMPTY}: left out when there are none, as nearly always. */
    private static void unknown(JsonGenerator json, Map<String, JsonNode> fields) throws IOException {
        if (!fields.isEmpty()) {
            json.writeFieldName("unknown-fields");
            MAPPER.writeValue(json, fields);
        }
    }
}
