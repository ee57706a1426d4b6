package io.phishfence.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.phishfence.ingest.report.InvalidReportException.Violation;
import java.util.List;

/** An RFC 9457 problem details body. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** RFC 4918's status for a well-formed request that cannot be processed; JAX-RS has no constant. */
    public static final int UNPROCESSABLE_CONTENT = 422;

    private static final ObjectWriter WRITER = JsonMapper.builder().build().writerFor(Problem.class);

    public static Problem of(int status, String title, String detail) {
        return of(status, title, detail, List.of());
    }

    public static Problem of(int status, String title, String detail, List<Violation> errors) {
        return new Problem("about:blank", title, status, detail, errors);
    }

    /** The body as JSON. */
    public byte[] json() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem of strings cannot fail to serialize", e);
        }
    }
}
