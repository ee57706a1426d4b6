package io.phishfence.ingest.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.math.BigDecimal;
import java.net.IDN;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The one parser of SMTP TLS reports (RFC 8460 section 4), whatever channel brought them. Pure: bytes in,
 * a normalized {@link TlsReport} out, or every problem found at once.
 *
 * <p>Lenient where real senders differ from the RFC's schema (mx-host as a string, the prose spellings
 * {@code mx-host-pattern} and {@code additional-info-uri}, null contact-info, a TLSA policy-string sent as one
 * JSON-encoded array, unknown result types), strict about what makes a report: its identity, its dates, and
 * non-negative integral counts. Fields it does not know are kept, as sent, in each object's
 * {@code unknownFields}. Bounded: nesting depth, string length, number of policies and of failure details,
 * duplicate keys.
 *
 * <p>It reads the JSON as a stream of tokens straight into the model, without building a tree first (half of
 * the parse time on the HTTPS hot path went into the tree). The known fields of each object are captured as
 * they come and checked once the object ends, in a fixed order, so that a report's violations are listed in
 * the same order whatever the order of its fields.
 */
public final class TlsReportParser {

    /** JSON's safe integer range (2^53 - 1); counts above it cannot be represented by every reader. */
    static final long MAX_COUNT = 9_007_199_254_740_991L;
    static final int MAX_POLICIES = 1_000;
    static final int MAX_FAILURE_DETAILS = 10_000;
    static final int MAX_NESTING_DEPTH = 16;
    static final int MAX_STRING_LENGTH = 1_000_000;
    static final int MAX_FIELD_LENGTH = 1_024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(64)
                    .build())
            .build();
    /**
     * Reads the values of unknown fields, and a TLSA policy-string's inner array, under the same limits, duplicate
     * keys included. The report's own objects find their duplicates in {@link Reader#fields}: Jackson's
     * {@code STRICT_DUPLICATE_DETECTION} would check every object of the document through a hash set, 20% of the
     * tokenizing of a small report.
     */
    private static final ObjectMapper JSON = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private TlsReportParser() {
    }

    public static TlsReport parse(byte[] json) throws InvalidReportException {
        var problems = new ArrayList<Violation>();
        TlsReport report;
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidReportException("", "a report is a JSON object");
            }
            report = new Reader(parser, problems).report();
            if (parser.nextToken() != null) {
                throw new InvalidReportException("", "not valid JSON: content after the report's closing brace");
            }
        } catch (StreamConstraintsException e) {
            throw new InvalidReportException("", "exceeds a limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidReportException("", "not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidReportException("", "not valid JSON: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // A sender must never get a server error: whatever slipped past the checks is still bad input.
            throw new InvalidReportException("", "unreadable report (" + e.getClass().getSimpleName() + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportException(problems);
        }
        return report;
    }

    /**
     * An RFC 3339 date-time. The form every sender uses, {@code 2016-04-01T00:00:00Z}, is read directly: the
     * general ISO formatter cost as much as the rest of a small report's parse. Anything else (offsets,
     * fractions, lower case, invalid values) goes to the formatter, which decides.
     *
     * @throws DateTimeParseException when the text is not an RFC 3339 date-time
     */
    static Instant instant(String text) {
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if ((year | month | day | hour | minute | second) >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
                } catch (DateTimeException invalidValue) {
                    // Such as February 30th: the formatter below rejects it with its own message.
                }
            }
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    /** The decimal number of {@code length} ASCII digits at {@code start}, or -1 when one is not a digit. */
    private static int digits(String text, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Reads one document from its parser, collecting every violation rather than stopping at the first. A
     * captured field value is a {@link String}, a {@link Long} or {@link BigDecimal}, {@link #NULL}, a
     * {@code List<Object>} of such values when the field is an array (mx-host and policy-string may be), a
     * {@link Nested} part, {@link #OTHER} for any other JSON value (skipped), or {@link #ABSENT}.
     */
    private static final class Reader {

        private static final Object ABSENT = new Object();
        private static final Object NULL = new Object();
        private static final Object OTHER = new Object();

        private static final List<String> REPORT_FIELDS =
                List.of("organization-name", "report-id", "contact-info", "date-range", "policies");
        private static final List<String> DATE_RANGE_FIELDS = List.of("start-datetime", "end-datetime");
        private static final List<String> POLICY_RESULT_FIELDS = List.of("policy", "summary", "failure-details");
        private static final List<String> POLICY_FIELDS =
                List.of("policy-type", "policy-string", "policy-domain", "mx-host", "mx-host-pattern");
        private static final List<String> SUMMARY_FIELDS =
                List.of("total-successful-session-count", "total-failure-session-count");
        private static final List<String> FAILURE_DETAIL_FIELDS = List.of("result-type", "sending-mta-ip",
                "receiving-mx-hostname", "receiving-mx-helo", "receiving-ip", "failed-session-count",
                "additional-information", "additional-info-uri", "failure-reason-code");
        private static final Function<String, PartReader<?>> NO_PARTS = name -> null;

        private final JsonParser json;
        /** Where violations go: swapped while a nested object is read, see {@link #nested}. */
        private List<Violation> problems;

        Reader(JsonParser json, List<Violation> problems) {
            this.json = json;
            this.problems = problems;
        }

        TlsReport report() throws IOException {
            Fields fields = fields(REPORT_FIELDS, name -> switch (name) {
                case "date-range" -> this::dateRange;
                case "policies" -> this::policies;
                default -> null;
            });
            String organizationName = requiredText(fields.value("organization-name"), "", "organization-name");
            String id = requiredText(fields.value("report-id"), "", "report-id");
            String contactInfo = optionalText(fields.value("contact-info"), "", "contact-info");
            DateRange dateRange = fields.part("date-range", null, problems);
            if (!fields.has("date-range")) {
                problems.add(new Violation("/date-range", "required object with start-datetime and end-datetime"));
            }
            List<PolicyResult> results = fields.part("policies", List.of(), problems);
            if (!fields.has("policies")) {
                problems.add(new Violation("/policies", "required array"));
            }
            return new TlsReport(organizationName, dateRange, contactInfo, id, results, fields.unknown());
        }

        DateRange dateRange() throws IOException {
            if (!json.isExpectedStartObjectToken()) {
                json.skipChildren();
                problems.add(new Violation("/date-range", "required object with start-datetime and end-datetime"));
                return null;
            }
            Fields fields = fields(DATE_RANGE_FIELDS, NO_PARTS);
            Instant start = dateTime(fields.value("start-datetime"), "start-datetime");
            Instant end = dateTime(fields.value("end-datetime"), "end-datetime");
            if (start != null && end != null && end.isBefore(start)) {
                problems.add(new Violation("/date-range", "end-datetime is before start-datetime"));
            }
            return new DateRange(start, end, fields.unknown());
        }

        Instant dateTime(Object value, String name) {
            String text = requiredText(value, "/date-range", name);
            if (text == null) {
                return null;
            }
            try {
                return instant(text);
            } catch (DateTimeParseException e) {
                problems.add(new Violation("/date-range/" + name, "not an RFC 3339 date-time: " + abbreviate(text)));
                return null;
            }
        }

        List<PolicyResult> policies() throws IOException {
            if (!json.isExpectedStartArrayToken()) {
                json.skipChildren();
                problems.add(new Violation("/policies", "required array"));
                return List.of();
            }
            var results = new ArrayList<PolicyResult>();
            while (json.nextToken() != JsonToken.END_ARRAY) {
                if (results.size() == MAX_POLICIES) {
                    skipRestOfArray();
                    problems.clear();
                    problems.add(new Violation("/policies", "more than " + MAX_POLICIES + " policies"));
                    return List.of();
                }
                results.add(policyResult("/policies/" + results.size()));
            }
            return results;
        }

        PolicyResult policyResult(String at) throws IOException {
            if (!json.isExpectedStartObjectToken()) {
                json.skipChildren();
                problems.add(new Violation(at, "a policy result is an object"));
                return new PolicyResult(null, new Summary(0, 0), List.of());
            }
            Fields fields = fields(POLICY_RESULT_FIELDS, name -> switch (name) {
                case "policy" -> () -> policy(at + "/policy");
                case "summary" -> () -> summary(at + "/summary");
                case "failure-details" -> () -> failureDetails(at + "/failure-details");
                default -> null;
            });
            Policy policy = fields.part("policy", null, problems);
            if (!fields.has("policy")) {
                problems.add(new Violation(at + "/policy", "required object"));
            }
            Summary summary = fields.part("summary", new Summary(0, 0), problems);
            if (!fields.has("summary")) {
                problems.add(new Violation(at + "/summary", "required object"));
            }
            List<FailureDetail> details = fields.part("failure-details", List.of(), problems);
            return new PolicyResult(policy, summary, details, fields.unknown());
        }

        Policy policy(String at) throws IOException {
            if (!json.isExpectedStartObjectToken()) {
                json.skipChildren();
                problems.add(new Violation(at, "required object"));
                return null;
            }
            Fields fields = fields(POLICY_FIELDS, NO_PARTS);
            String policyType = requiredText(fields.value("policy-type"), at, "policy-type");
            List<String> policyStrings = policyStrings(fields.value("policy-string"), at + "/policy-string");
            String domain = optionalText(fields.value("policy-domain"), at, "policy-domain");
            if (domain == null && !"no-policy-found".equals(policyType)) {
                problems.add(new Violation(at + "/policy-domain", "required"));
            }
            String aLabel = domain == null ? null : aLabel(domain, at + "/policy-domain");
            Object mx = fields.has("mx-host") ? fields.value("mx-host") : fields.value("mx-host-pattern");
            return new Policy(policyType, policyStrings, aLabel, stringList(mx, at + "/mx-host"), fields.unknown());
        }

        /**
         * RFC 8460 wants an array of strings; Microsoft sends a TLSA policy as ONE string that is itself a
         * JSON array of strings. Such a string is unfolded into its elements.
         */
        List<String> policyStrings(Object value, String at) {
            List<String> strings = stringList(value, at);
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
        List<String> stringList(Object value, String at) {
            if (value == ABSENT || value == NULL) {
                return List.of();
            }
            if (value instanceof String text) {
                return List.of(text);
            }
            if (!(value instanceof List<?> elements)) {
                problems.add(new Violation(at, "must be a string or an array of strings"));
                return List.of();
            }
            var values = new ArrayList<String>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) instanceof String text) {
                    values.add(text);
                } else {
                    problems.add(new Violation(at + "/" + i, "must be a string"));
                }
            }
            return values;
        }

        Summary summary(String at) throws IOException {
            if (!json.isExpectedStartObjectToken()) {
                json.skipChildren();
                problems.add(new Violation(at, "required object"));
                return new Summary(0, 0);
            }
            Fields fields = fields(SUMMARY_FIELDS, NO_PARTS);
            return new Summary(count(fields.value("total-successful-session-count"), at, "total-successful-session-count"),
                    count(fields.value("total-failure-session-count"), at, "total-failure-session-count"),
                    fields.unknown());
        }

        List<FailureDetail> failureDetails(String at) throws IOException {
            if (json.currentToken() == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (!json.isExpectedStartArrayToken()) {
                json.skipChildren();
                problems.add(new Violation(at, "must be an array"));
                return List.of();
            }
            var details = new ArrayList<FailureDetail>();
            int index = 0;
            while (json.nextToken() != JsonToken.END_ARRAY) {
                if (index == MAX_FAILURE_DETAILS) {
                    skipRestOfArray();
                    problems.clear();
                    problems.add(new Violation(at, "more than " + MAX_FAILURE_DETAILS + " failure details"));
                    return List.of();
                }
                String where = at + "/" + index++;
                if (!json.isExpectedStartObjectToken()) {
                    json.skipChildren();
                    problems.add(new Violation(where, "a failure detail is an object"));
                    continue;
                }
                details.add(failureDetail(where));
            }
            return details;
        }

        FailureDetail failureDetail(String at) throws IOException {
            Fields fields = fields(FAILURE_DETAIL_FIELDS, NO_PARTS);
            String info = fields.has("additional-information")
                    ? optionalText(fields.value("additional-information"), at, "additional-information")
                    : optionalText(fields.value("additional-info-uri"), at, "additional-info-uri");
            return new FailureDetail(
                    requiredText(fields.value("result-type"), at, "result-type"),
                    optionalText(fields.value("sending-mta-ip"), at, "sending-mta-ip"),
                    optionalText(fields.value("receiving-mx-hostname"), at, "receiving-mx-hostname"),
                    optionalText(fields.value("receiving-mx-helo"), at, "receiving-mx-helo"),
                    optionalText(fields.value("receiving-ip"), at, "receiving-ip"),
                    count(fields.value("failed-session-count"), at, "failed-session-count"),
                    info,
                    optionalText(fields.value("failure-reason-code"), at, "failure-reason-code"),
                    fields.unknown());
        }

        /** The current scalar value; an object or array is skipped and captured as {@link #OTHER}. */
        Object value() throws IOException {
            return switch (json.currentToken()) {
                case VALUE_STRING -> json.getText();
                case VALUE_NULL -> NULL;
                case VALUE_NUMBER_INT -> json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(json.getBigIntegerValue())
                        : (Object) json.getLongValue();
                case VALUE_NUMBER_FLOAT -> {
                    double number = json.getDoubleValue();
                    yield Double.isFinite(number) ? BigDecimal.valueOf(number) : OTHER;
                }
                default -> {
                    json.skipChildren();
                    yield OTHER;
                }
            };
        }

        /** The current value, or the values of the current array (one level deep) as a list. */
        Object valueOrArray() throws IOException {
            if (!json.isExpectedStartArrayToken()) {
                return value();
            }
            var values = new ArrayList<>();
            while (json.nextToken() != JsonToken.END_ARRAY) {
                values.add(value());
            }
            return values;
        }

        /**
         * Reads the fields of the current object as they come: a part (a nested object or array that {@code parts}
         * names a reader for) with violations of its own, any other field named in {@code names} as a captured
         * value, and a field not named as an unknown one. A name that comes twice makes the document invalid, as
         * it would in Jackson's strict mode: which of the two a reader takes is up to the reader (RFC 8259 4).
         *
         * <p>Values this reader skips rather than reads (an object where a string belongs) are not searched for
         * duplicates; such a value is a violation whatever it holds.
         */
        Fields fields(List<String> names, Function<String, PartReader<?>> parts) throws IOException {
            Object[] values = new Object[names.size()];
            Arrays.fill(values, ABSENT);
            Map<String, JsonNode> unknown = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                int slot = names.indexOf(name);
                if (slot < 0 ? unknown != null && unknown.containsKey(name) : values[slot] != ABSENT) {
                    throw new JsonParseException(json, "Duplicate field '" + name + "'");
                }
                if (slot < 0) {
                    unknown = keep(unknown, name);
                } else {
                    PartReader<?> part = parts.apply(name);
                    values[slot] = part == null ? valueOrArray() : nested(part);
                }
            }
            return new Fields(names, values, unknown);
        }

        /** A field this parser does not know: kept as sent, so that nothing a sender reported is dropped. */
        Map<String, JsonNode> keep(Map<String, JsonNode> unknown, String name) throws IOException {
            Map<String, JsonNode> fields = unknown == null ? new LinkedHashMap<>() : unknown;
            fields.put(name, JSON.readTree(json));
            return fields;
        }

        void skipRestOfArray() throws IOException {
            do {
                json.skipChildren();
            } while (json.nextToken() != JsonToken.END_ARRAY);
        }

        /**
         * Reads a nested part with violations of its own, so that its parent can list them after those of the
         * fields that come before the part in the model, whatever their order in the document.
         */
        <T> Nested<T> nested(PartReader<T> reader) throws IOException {
            List<Violation> outer = problems;
            problems = new ArrayList<>(0);
            try {
                return new Nested<>(reader.read(), problems);
            } finally {
                problems = outer;
            }
        }

        long count(Object value, String at, String name) {
            if (value == ABSENT) {
                problems.add(new Violation(at + "/" + name, "required"));
                return 0;
            }
            BigDecimal number;
            if (value instanceof Long whole) {
                if (whole >= 0 && whole <= MAX_COUNT) {
                    return whole;
                }
                number = BigDecimal.valueOf(whole);
            } else if (value instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
                number = decimal;
            } else {
                problems.add(new Violation(at + "/" + name, "must be a whole number"));
                return 0;
            }
            if (number.signum() < 0) {
                problems.add(new Violation(at + "/" + name, "must not be negative"));
                return 0;
            }
            if (number.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
                problems.add(new Violation(at + "/" + name, "larger than 2^53 - 1"));
                return 0;
            }
            return number.longValueExact();
        }

        String requiredText(Object value, String at, String name) {
            if (value == ABSENT || value == NULL) {
                problems.add(new Violation(at + "/" + name, "required"));
                return null;
            }
            String text = text(value, at, name);
            if (text != null && text.isBlank()) {
                problems.add(new Violation(at + "/" + name, "must not be empty"));
                return null;
            }
            return text;
        }

        String optionalText(Object value, String at, String name) {
            return value == ABSENT || value == NULL ? null : text(value, at, name);
        }

        String text(Object value, String at, String name) {
            if (!(value instanceof String text)) {
                problems.add(new Violation(at + "/" + name, "must be a string"));
                return null;
            }
            if (text.length() > MAX_FIELD_LENGTH) {
                problems.add(new Violation(at + "/" + name, "longer than " + MAX_FIELD_LENGTH + " characters"));
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

    @FunctionalInterface
    private interface PartReader<T> {
        T read() throws IOException;
    }

    /** A nested part of a report and the violations found in it. */
    private record Nested<T>(T value, List<Violation> problems) {
    }

    /** The known fields of one object, captured by name (see {@link Reader}), and the unknown ones, or null. */
    private record Fields(List<String> names, Object[] values, Map<String, JsonNode> unknown) {

        Object value(String name) {
            return values[names.indexOf(name)];
        }

        boolean has(String name) {
            return value(name) != Reader.ABSENT;
        }

        /** A part's value, its violations added to {@code problems}; {@code absent} when the field is missing. */
        @SuppressWarnings("unchecked")
        <T> T part(String name, T absent, List<Violation> problems) {
            if (!(value(name) instanceof Nested<?> nested)) {
                return absent;
            }
            problems.addAll(nested.problems());
            return (T) nested.value();
        }
    }
}
