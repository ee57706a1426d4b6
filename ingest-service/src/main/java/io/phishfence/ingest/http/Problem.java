package io.phishfence.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.phishfence.ingest.report.InvalidReportException.Violation;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem details body. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** RFC 4918's status for a well-formed request that cannot be processed; JAX-RS has no constant. */
    public static final int UNPROCESSABLE_CONTENT = 422;

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, List.of());
    }

    public static Response response(int status, String title, String detail, List<Violation> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }
}
