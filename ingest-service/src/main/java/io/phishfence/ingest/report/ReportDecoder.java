package io.phishfence.ingest.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns the bytes a sender sent into report JSON: gunzips when the bytes are gzip (by their magic
 * number, whatever the declared type says), streaming and stopping at the decompressed limit, so that
 * a gzip bomb costs no more than the limit.
 */
public final class ReportDecoder {

    private static final int CHUNK = 16 * 1024;
    private static final int MIN_BUFFER = 512;

    private ReportDecoder() {
    }

    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /**
     * @return the JSON bytes of the report
     * @throws ReportTooLargeException when the decompressed report exceeds {@code maxDecompressedBytes}
     * @throws InvalidReportException when the gzip stream is broken or holds another gzip stream
     */
    public static byte[] decode(byte[] body, long maxDecompressedBytes)
            throws ReportTooLargeException, InvalidReportException {
        if (!isGzip(body)) {
            return body;
        }
        var out = new ByteArrayOutputStream(Math.min(body.length * 4, 1 << 20));
        // Buffers in proportion to the body: a typical report is under 1 KB of gzip, and two 16 KB buffers for
        // each would be most of the garbage a request leaves behind.
        int bufferSize = Math.max(MIN_BUFFER, Math.min(CHUNK, body.length));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body), bufferSize)) {
            byte[] buffer = new byte[Math.min(CHUNK, bufferSize * 4)];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > maxDecompressedBytes) {
                    throw new ReportTooLargeException(
                            "the report exceeds " + maxDecompressedBytes + " bytes after decompression");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidReportException("", "broken gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidReportException("", "unreadable gzip data: " + e.getMessage());
        }
        byte[] json = out.toByteArray();
        if (isGzip(json)) {
            throw new InvalidReportException("", "gzip inside gzip is not a report");
        }
        return json;
    }
}
