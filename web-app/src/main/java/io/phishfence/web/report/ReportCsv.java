package io.phishfence.web.report;

import java.util.List;

/**
 * Reports as CSV (RFC 4180). Senders choose organization names and report ids, and a spreadsheet runs a cell
 * that starts with {@code = + - @}, a tab or a carriage return as a formula: such a cell is prefixed with
 * {@code '} so that it shows as the text it is (OWASP's advice against CSV injection).
 */
public final class ReportCsv {

    static final List<String> HEADER = List.of("id", "policyDomain", "organizationName", "reportId", "start", "end",
            "channel", "receivedAt", "successfulSessions", "failedSessions");

    private ReportCsv() {
    }

    public static String of(List<ReportListing> reports) {
        var csv = new StringBuilder();
        line(csv, HEADER);
        for (ReportListing r : reports) {
            line(csv, List.of(r.id().toString(), String.valueOf(r.policyDomain()), r.organizationName(), r.reportId(),
                    r.start().toString(), r.end().toString(), r.channel(), r.receivedAt().toString(),
                    Long.toString(r.successfulSessions()), Long.toString(r.failedSessions())));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** One cell: neutralized, then quoted when it holds a comma, a quote or a line break. */
    static String cell(String value) {
        String text = neutralize(value == null ? "" : value);
        if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    static String neutralize(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
