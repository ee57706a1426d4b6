package io.phishfence.web.guide;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Public explainers of each protocol PhishFence checks, for people who have never heard of them. */
@Path("/guides")
@Produces(MediaType.TEXT_HTML)
public class GuideResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Guide> guides, boolean loggedIn);
    }

    private final Engine engine;
    private final SecurityIdentity identity;

    GuideResource(Engine engine, SecurityIdentity identity) {
        this.engine = engine;
        this.identity = identity;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(List.of(Guide.values()), !identity.isAnonymous());
    }

    /** The slug only selects among the known guides: it never names a template by itself. */
    @GET
    @Path("{slug}")
    public TemplateInstance guide(@PathParam("slug") String slug) {
        Guide guide = Guide.bySlug(slug).orElseThrow(NotFoundException::new);
        return engine.getTemplate("guides/" + guide.slug).data("guide", guide).data("guides", List.of(Guide.values()))
                .data("loggedIn", !identity.isAnonymous());
    }
}
