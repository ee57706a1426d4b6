package io.phishfence.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * An API error as RFC 9457 problem details ({@code application/problem+json}).
 *
 * @param type always {@code about:blank}: the status says what kind of problem it is
 * @param detail what went wrong with this request, for a person
 */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** An exception that the API answers with this problem (JAX-RS returns its response as it is). */
    public static WebApplicationException raise(Response.Status status, String detail) {
        return new WebApplicationException(detail, of(status, detail).toResponse());
    }

    public static WebApplicationException notFound(String detail) {
        return raise(Response.Status.NOT_FOUND, detail);
    }

    public static WebApplicationException badRequest(String detail) {
        return raise(Response.Status.BAD_REQUEST, detail);
    }
}
