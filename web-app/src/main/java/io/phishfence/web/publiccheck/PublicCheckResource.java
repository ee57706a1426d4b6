package io.phishfence.web.publiccheck;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.web.publiccheck.PublicChecks.Accepted;
import io.phishfence.web.publiccheck.PublicChecks.Limited;
import io.phishfence.web.publiccheck.PublicChecks.Refused;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

/**
 * The free one-off check of any domain (ADR 0010): a form, and a shareable result page at an unguessable address
 * that polls (htmx) until the monitor's answer is stored, and also works as a plain full page load. No log-in;
 * limited per client and in total; results are kept out of search engines.
 */
@Path("/check")
@Produces(MediaType.TEXT_HTML)
public class PublicCheckResource {

    private static final String NOINDEX = "noindex, nofollow";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String error, String input, String selectors, boolean dkimOpen);

        static native TemplateInstance show(PublicCheck check, boolean waiting, long ttlDays);

        static native TemplateInstance show$result(PublicCheck check, boolean waiting);

        static native TemplateInstance limited(long retryMinutes);
    }

    /** Requests by outcome (accepted, refused, limited): how much the free check is used, and abused. */
    static final String REQUESTS = "phishfence.public.checks.requested";

    private final PublicChecks checks;
    private final PublicCheckConfig config;
    private final MeterRegistry registry;

    PublicCheckResource(PublicChecks checks, PublicCheckConfig config, MeterRegistry registry) {
        this.checks = checks;
        this.config = config;
        this.registry = registry;
    }

    /**
     * The form, filled in from {@code ?domain=}; {@code ?selectors=} (the result page's "check again with DKIM
     * selectors") also opens the selectors field.
     */
    @GET
    public TemplateInstance form(@QueryParam("domain") String domain, @QueryParam("selectors") String selectors,
            @Context UriInfo uri) {
        // An empty "?selectors=" still asks for the field: read its presence, not its value.
        return Templates.form(null, domain == null ? "" : domain, selectors == null ? "" : selectors,
                uri.getQueryParameters().containsKey("selectors"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response request(@FormParam("domain") String domain, @FormParam("selectors") String selectors,
            @Context HttpServerRequest request) {
        var remote = request.remoteAddress();
        var outcome = checks.request(domain, selectors, remote == null ? null : remote.hostAddress());
        registry.counter(REQUESTS, "outcome", outcome instanceof Accepted ? "accepted"
                : outcome instanceof Limited ? "limited" : "refused").increment();
        if (outcome instanceof Accepted accepted) {
            return Response.seeOther(UriBuilder.fromPath("/check/{id}").build(accepted.id())).build();
        }
        if (outcome instanceof Limited limited) {
            return Response.status(Response.Status.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(limited.retryAfter().toSeconds()))
                    .header("X-Robots-Tag", NOINDEX)
                    .entity(Templates.limited(Math.max(1, limited.retryAfter().toMinutes()))).build();
        }
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(Templates.form(((Refused) outcome).problem(), domain, selectors,
                        selectors != null && !selectors.isBlank())).build();
    }

    /** The result page; an htmx poll (HX-Request) gets only the result section. */
    @GET
    @Path("{checkId}")
    public Response show(@PathParam("checkId") String id, @HeaderParam("HX-Request") boolean htmx) {
        PublicCheck check = checks.find(id).orElseThrow(NotFoundException::new);
        boolean waiting = !check.done() && !checks.gaveUp(check);
        TemplateInstance page = htmx ? Templates.show$result(check, waiting)
                : Templates.show(check, waiting, config.ttl().toDays());
        return Response.ok(page).header("X-Robots-Tag", NOINDEX).header("Vary", "HX-Request")
                // A finished result never changes; a waiting one must be fetched again.
                .header("Cache-Control", check.done() ? "private, max-age=3600" : "no-store").build();
    }
}
