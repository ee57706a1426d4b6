package io.phishfence.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every API error without a body of its own (an unknown route, a wrong method, a missing role) a
 * problem+json body, so that API clients read one error format. The UI's errors are left alone.
 */
public class ProblemFilter {

    @ServerResponseFilter
    public void problemDetails(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !request.getUriInfo().getPath().startsWith("/api/")
                || response.hasEntity() && !(response.getEntity() instanceof String)) {
            return;
        }
        var status = Response.Status.fromStatusCode(response.getStatus());
        String detail = response.hasEntity() ? (String) response.getEntity() : null;
        response.setEntity(status == null ? new Problem("about:blank", "Error", response.getStatus(), detail)
                : Problem.of(status, detail), null, MediaType.valueOf(Problem.MEDIA_TYPE));
    }
}
