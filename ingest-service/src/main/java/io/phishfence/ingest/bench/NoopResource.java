package io.phishfence.ingest.bench;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The baseline of bench/ingest-http.sh: a POST that does nothing on the event loop. Exists only in builds made
 * with the {@code bench} profile, never in the product.
 */
@IfBuildProfile("bench")
@Path("/bench/noop")
public class NoopResource {

    @POST
    @NonBlocking
    public Response accept(byte[] body) {
        return Response.status(Response.Status.CREATED).build();
    }
}
