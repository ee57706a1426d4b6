package io.phishfence.ingest.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.phishfence.events.tlsrpt.DateRange;
import io.phishfence.events.tlsrpt.FailureDetail;
import io.phishfence.events.tlsrpt.Policy;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.Summary;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.ingest.report.InvalidReportException.Violation;
import java.io.IOException;
import java.net.IDN;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one parser of SMTP TLS reports (RFC 8460 section 4), whatever channel brought them. Pure: bytes in,
 * a normalized {@link TlsReport} out, or every problem found at once.
 *
 * <p>Lenient where real senders differ from the RFC's schema (mx-host as a string, the prose spellings
 * {@code mx-host-pattern} and {@code additional-info-uri}, null contact-info, a TLSA policy-string sent as one
 * JSON-encoded array, unknown fields and result types), strict about what makes a report: its identity, its
 * dates, and non-negative integral counts. Bounded: nesting depth, string length, number of policies and of
 * failure details, duplicate keys.
 */
public final class TlsReportParser {

    /** JSON's safe integer range (2^53 - 1); counts above it cannot be represented by every reader. */
    static final long MAX_COUNT = 9_007_199_254_740_991L;
    static final int MAX_POLICIES = 1_000;
    static final int MAX_FAILURE_DETAILS = 10_000;
    static final int MAX_NESTING_DEPTH = 16;
    static final int MAX_STRING_LENGTH = 1_000_000;
    static final int MAX_FIELD_LENGTH = 1_024;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(64)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private TlsReportParser() {
    }

    public static TlsReport parse(byte[] json) throws InvalidReportException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new InvalidReportException("", "exceeds a limit: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidReportException("", "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReportException("", "a report is a JSON object");
        }
        var problems = new ArrayList<Violation>();
        TlsReport report;
        try {
            report = new Reader(problems).report(root);
        } catch (RuntimeException e) {
            // A sender must never get a server error: whatever slipped past the checks above is still bad input.
            throw new InvalidReportException("", "unreadable report (" + e.getClass().getSimpleName() + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportException(problems);
        }
        return report;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Reads one document, collecting every violation rather than stopping at the first. */
    private record Reader(List<Violation> problems) {

        TlsReport report(JsonNode root) {
            String organization = requiredText(root, "/organization-name", "organization-name");
            String reportId = requiredText(root, "/report-id", "report-id");
            String contact = optionalText(root, "/contact-info", "contact-info");
            DateRange range = dateRange(root.get("date-range"));
            List<PolicyResult> policies = policies(root.get("policies"));
            return new TlsReport(organization, range, contact, reportId, policies);
        }

        DateRange dateRange(JsonNode node) {
            if (node == null || !node.isObject()) {
                problems.add(new Violation("/date-range", "required object with start-datetime and end-datetime"));
                return null;
            }
            Instant start = dateTime(node, "start-datetime");
            Instant end = dateTime(node, "end-datetime");
            if (start != null && end != null && end.isBefore(start)) {
                problems.add(new Violation("/date-range", "end-datetime is before start-datetime"));
            }
            return new DateRange(start, end);
        }

        Instant dateTime(JsonNode range, String name) {
            String pointer = "/date-range/" + name;
            String text = requiredText(range, pointer, name);
            if (text == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(new Violation(pointer, "not an RFC 3339 date-time: " + abbreviate(text)));
                return null;
            }
        }

        List<PolicyResult> policies(JsonNode node) {
            if (node == null || !node.isArray()) {
                problems.add(new Violation("/policies", "required array"));
                return List.of();
            }
            if (node.size() > MAX_POLICIES) {
                problems.add(new Violation("/policies", "more than " + MAX_POLICIES + " policies"));
                return List.of();
            }
            var results = new ArrayList<PolicyResult>(node.size());
            for (int i = 0; i < node.size(); i++) {
                results.add(policyResult(node.get(i), "/policies/" + i));
            }
            return results;
        }

        PolicyResult policyResult(JsonNode node, String at) {
            if (!node.isObject()) {
                problems.add(new Violation(at, "a policy result is an object"));
                return new PolicyResult(null, new Summary(0, 0), List.of());
            }
            Policy policy = policy(node.get("policy"), at + "/policy");
            Summary summary = summary(node.get("summary"), at + "/summary");
            List<FailureDetail> details = failureDetails(node.get("failure-details"), at + "/failure-details");
            return new PolicyResult(policy, summary, details);
        }

        Policy policy(JsonNode node, String at) {
            if (node == null || !node.isObject()) {
                problems.add(new Violation(at, "required object"));
                return null;
            }
            String type = requiredText(node, at + "/policy-type", "policy-type");
            List<String> strings = policyStrings(node.get("policy-string"), at + "/policy-string");
            String domain = optionalText(node, at + "/policy-domain", "policy-domain");
            if (domain == null && !"no-policy-found".equals(type)) {
                problems.add(new Violation(at + "/policy-domain", "required"));
            }
            JsonNode mx = node.has("mx-host") ? node.get("mx-host") : node.get("mx-host-pattern");
            return new Policy(type, strings, domain == null ? null : aLabel(domain, at + "/policy-domain"),
                    stringList(mx, at + "/mx-host"));
        }

        /**
         * RFC 8460 wants an array of strings; Microsoft sends a TLSA policy as ONE string that is itself a
         * JSON array of strings. Such a string is unfolded into its elements.
         */
        List<String> policyStrings(JsonNode node, String at) {
            List<String> strings = stringList(node, at);
            if (strings.size() == 1 && strings.get(0).startsWith("[")) {
                try {
                    JsonNode inner = JSON.readTree(strings.get(0));
                    if (inner.isArray()) {
                        var unfolded = new ArrayList<String>();
                        inner.forEach(element -> unfolded.add(element.isTextual() ? element.asText() : element.toString()));
                        return unfolded;
                    }
                } catch (IOException notJson) {
                    // An ordinary policy line that happens to start with '[': keep it as sent.
                }
            }
            return strings;
        }

        /** A string or an array of strings (senders use both), as a list. */
        List<String> stringList(JsonNode node, String at) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (node.isTextual()) {
                return List.of(node.asText());
            }
            if (!node.isArray()) {
                problems.add(new Violation(at, "must be a string or an array of strings"));
                return List.of();
            }
            var values = new ArrayList<String>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (!element.isTextual()) {
                    problems.add(new Violation(at + "/" + i, "must be a string"));
                } else {
                    values.add(element.asText());
                }
            }
            return values;
        }

        Summary summary(JsonNode node, String at) {
            if (node == null || !node.isObject()) {
                problems.add(new Violation(at, "required object"));
                return new Summary(0, 0);
            }
            return new Summary(count(node, at, "total-successful-session-count"),
                    count(node, at, "total-failure-session-count"));
        }

        List<FailureDetail> failureDetails(JsonNode node, String at) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                problems.add(new Violation(at, "must be an array"));
                return List.of();
            }
            if (node.size() > MAX_FAILURE_DETAILS) {
                problems.add(new Violation(at, "more than " + MAX_FAILURE_DETAILS + " failure details"));
                return List.of();
            }
            var details = new ArrayList<FailureDetail>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode detail = node.get(i);
                String where = at + "/" + i;
                if (!detail.isObject()) {
                    problems.add(new Violation(where, "a failure detail is an object"));
                    continue;
                }
                String info = detail.has("additional-information")
                        ? optionalText(detail, where + "/additional-information", "additional-information")
                        : optionalText(detail, where + "/additional-info-uri", "additional-info-uri");
                details.add(new FailureDetail(
                        requiredText(detail, where + "/result-type", "result-type"),
                        optionalText(detail, where + "/sending-mta-ip", "sending-mta-ip"),
                        optionalText(detail, where + "/receiving-mx-hostname", "receiving-mx-hostname"),
                        optionalText(detail, where + "/receiving-mx-helo", "receiving-mx-helo"),
                        optionalText(detail, where + "/receiving-ip", "receiving-ip"),
                        count(detail, where, "failed-session-count"),
                        info,
                        optionalText(detail, where + "/failure-reason-code", "failure-reason-code")));
            }
            return details;
        }

        long count(JsonNode parent, String at, String name) {
            String pointer = at + "/" + name;
            JsonNode node = parent.get(name);
            if (node == null) {
                problems.add(new Violation(pointer, "required"));
                return 0;
            }
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                problems.add(new Violation(pointer, "must be a whole number"));
                return 0;
            }
            if (!node.isIntegralNumber() && !(node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0)) {
                problems.add(new Violation(pointer, "must be a whole number"));
                return 0;
            }
            var value = node.decimalValue();
            if (value.signum() < 0) {
                problems.add(new Violation(pointer, "must not be negative"));
                return 0;
            }
            if (value.compareTo(java.math.BigDecimal.valueOf(MAX_COUNT)) > 0) {
                problems.add(new Violation(pointer, "larger than 2^53 - 1"));
                return 0;
            }
            return value.longValueExact();
        }

        String requiredText(JsonNode parent, String pointer, String name) {
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) {
                problems.add(new Violation(pointer, "required"));
                return null;
            }
            String text = text(node, pointer);
            if (text != null && text.isBlank()) {
                problems.add(new Violation(pointer, "must not be empty"));
                return null;
            }
            return text;
        }

        String optionalText(JsonNode parent, String pointer, String name) {
            JsonNode node = parent.get(name);
            return node == null || node.isNull() ? null : text(node, pointer);
        }

        String text(JsonNode node, String pointer) {
            if (!node.isTextual()) {
                problems.add(new Violation(pointer, "must be a string"));
                return null;
            }
            String text = node.asText();
            if (text.length() > MAX_FIELD_LENGTH) {
                problems.add(new Violation(pointer, "longer than " + MAX_FIELD_LENGTH + " characters"));
                return null;
            }
            return text;
        }

        String aLabel(String domain, String pointer) {
            String name = domain.trim();
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            try {
                return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED | IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                problems.add(new Violation(pointer, "not a domain name: " + abbreviate(domain)));
                return null;
            }
        }

        static String abbreviate(String text) {
            return text.length() <= 64 ? text : text.substring(0, 64) + "…";
        }
    }
}
