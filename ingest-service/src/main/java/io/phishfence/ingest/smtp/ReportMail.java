package io.phishfence.ingest.smtp;

import io.phishfence.ingest.report.InvalidReportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.message.DefaultMessageBuilder;

/**
 * A TLS report e-mail (RFC 8460 5.3) taken apart with Apache mime4j: the report part and the headers that
 * describe it. Pure: bytes in, parts out. The body is authoritative; Subject and file names are only
 * recorded (RFC 8460 5.6).
 *
 * @param report the report part's content, transfer-decoded (still gzip when it was gzip)
 * @param mediaType the report part's media type
 */
public record ReportMail(String subject, String reportDomain, String submitter, byte[] report, String mediaType) {

    /** Nesting of multiparts and attached messages allowed: real report mails use one level. */
    static final int MAX_DEPTH = 8;
    /** Parts looked at, at most: a MIME bomb of thousands of parts is refused. */
    static final int MAX_PARTS = 64;

    private static final Set<String> REPORT_TYPES = Set.of(
            "application/tlsrpt+gzip", "application/tlsrpt+json", "application/gzip", "application/json",
            "application/x-gzip");

    /**
     * @throws InvalidReportException when the message is not MIME we can read, holds no report part, or nests
     *         too deep / has too many parts
     */
    public static ReportMail parse(byte[] message) throws InvalidReportException {
        Message parsed;
        try {
            var builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.custom()
                    .setMaxHeaderCount(500)
                    .setMaxHeaderLen(64 * 1024)
                    .setMaxLineLen(4 * 1024 * 1024)
                    .setStrictParsing(false)
                    .build());
            builder.setDecodeMonitor(DecodeMonitor.SILENT);
            builder.setContentDecoding(true);
            parsed = builder.parseMessage(new ByteArrayInputStream(message));
        } catch (IOException | RuntimeException e) {
            throw new InvalidReportException("", "unreadable MIME message: " + e.getMessage());
        }
        var search = new PartSearch();
        Entity part = search.find(parsed, 0);
        if (part == null) {
            throw new InvalidReportException("", "the message holds no TLS report (RFC 8460 5.3: a part of type "
                    + "application/tlsrpt+gzip or application/tlsrpt+json)");
        }
        byte[] content;
        try (InputStream in = ((SingleBody) part.getBody()).getInputStream()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidReportException("", "unreadable report part: " + e.getMessage());
        }
        return new ReportMail(parsed.getSubject(), header(parsed, "TLS-Report-Domain"),
                header(parsed, "TLS-Report-Submitter"), content, mediaTypeOf(part));
    }

    private static String header(Message message, String name) {
        Field field = message.getHeader().getField(name);
        return field == null ? null : field.getBody().trim();
    }

    private static String mediaTypeOf(Entity part) {
        String type = part.getMimeType() == null ? "" : part.getMimeType().toLowerCase(Locale.ROOT);
        if (REPORT_TYPES.contains(type)) {
            return type;
        }
        String name = fileName(part);
        return name.endsWith(".gz") ? "application/tlsrpt+gzip" : "application/tlsrpt+json";
    }

    private static String fileName(Entity part) {
        String name = part.getFilename();
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    /** Depth-first search for the first report part, counting what it visits. */
    private static final class PartSearch {
        private int visited;

        Entity find(Entity entity, int depth) throws InvalidReportException {
            if (++visited > MAX_PARTS) {
                throw new InvalidReportException("", "more than " + MAX_PARTS + " MIME parts");
            }
            if (depth > MAX_DEPTH) {
                throw new InvalidReportException("", "MIME parts nested deeper than " + MAX_DEPTH);
            }
            Body body = entity.getBody();
            if (body instanceof Multipart multipart) {
                for (Entity child : multipart.getBodyParts()) {
                    Entity found = find(child, depth + 1);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            if (body instanceof Message attached) {
                return find(attached, depth + 1);
            }
            if (body instanceof SingleBody && isReport(entity)) {
                return entity;
            }
            return null;
        }

        private static boolean isReport(Entity entity) {
            String type = entity.getMimeType() == null ? "" : entity.getMimeType().toLowerCase(Locale.ROOT);
            if (REPORT_TYPES.contains(type)) {
                return true;
            }
            // Some senders label the attachment application/octet-stream; its file name says what it is.
            String name = fileName(entity);
            return "application/octet-stream".equals(type) && (name.endsWith(".json") || name.endsWith(".json.gz")
                    || name.endsWith(".gz"));
        }
    }
}
