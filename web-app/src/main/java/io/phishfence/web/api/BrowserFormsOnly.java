package io.phishfence.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Outside the API, a state-changing request must be a form, so that the CSRF filter checks its token.
 * (quarkus-rest-csrf would refuse other media types itself, but it cannot exempt only {@code /api/*}, whose
 * token-authenticated JSON requests carry no CSRF token; see application.properties.)
 */
public class BrowserFormsOnly {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter
    public Response refuseNonFormChanges(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        MediaType type = request.getMediaType();
        boolean form = type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
        return form ? null : Response.status(Response.Status.BAD_REQUEST).build();
    }
}
