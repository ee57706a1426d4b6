package io.phishfence.web.report;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The download of a report exactly as the sender sent it. The sender chose its content type, so only the
 * types a TLS report comes in are passed on (anything else is octet-stream), and the browser is told to
 * save it, never to render it: a "report" of text/html must not run script on our origin.
 */
public final class OriginalReport {

    private static final Map<String, String> EXTENSIONS = Map.of(
            "application/tlsrpt+json", "json",
            "application/json", "json",
            "application/tlsrpt+gzip", "json.gz",
            "application/gzip", "gz");
    private static final String OCTET_STREAM = "application/octet-stream";

    private OriginalReport() {
    }

    public static Response download(ReportContent content) {
        String type = content.rawContentType == null ? OCTET_STREAM
                : content.rawContentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        String extension = EXTENSIONS.get(type);
        if (extension == null) {
            type = OCTET_STREAM;
            extension = "bin";
        }
        return Response.ok(content.raw, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"report-" + content.id + "." + extension + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .build();
    }
}
