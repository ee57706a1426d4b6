package io.phishfence.web.alert;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The mute link of an alert e-mail. It needs no log-in (the signed token is the authority), and the link only
 * shows a button: mail gateways open every link of an incoming mail, and a GET that muted would mute alerts
 * nobody asked to mute (ADR 0006).
 */
@Path("/mute")
@Produces(MediaType.TEXT_HTML)
public class MuteResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(MuteLinks.Mute mute, String token);

        static native TemplateInstance muted(MuteLinks.Mute mute);

        static native TemplateInstance invalid();
    }

    private final MuteLinks links;
    private final AlertStore store;

    MuteResource(MuteLinks links, AlertStore store) {
        this.links = links;
        this.store = store;
    }

    @GET
    public Response confirm(@QueryParam("token") String token) {
        return links.verify(token).map(mute -> Response.ok(Templates.confirm(mute, token)))
                .orElseGet(() -> Response.status(Response.Status.BAD_REQUEST).entity(Templates.invalid())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mute(@FormParam("token") String token) {
        var mute = links.verify(token);
        if (mute.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.invalid()).build();
        }
        store.mute(mute.get());
        return Response.ok(Templates.muted(mute.get())).build();
    }
}
