package io.phishfence.web.account;

import io.phishfence.web.account.AccountService.AccountException;
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
import java.net.URI;
import java.util.Optional;

/** Where an invitation link leads: the invitee chooses a password and joins the organization. */
@Path("/invitations/accept")
@Produces(MediaType.TEXT_HTML)
public class InvitationResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accept(String token, TeamService.Invited invited, String error);
    }

    private static final String NOT_USABLE = "This invitation does not work any more: it was accepted already or has "
            + "expired. Ask the person who invited you for a new one.";
    private static final String WITHDRAWN = "This invitation was withdrawn by the organization that sent it. If you "
            + "still mean to join, ask the person who invited you.";

    private final TeamService teams;

    InvitationResource(TeamService teams) {
        this.teams = teams;
    }

    @GET
    public Response form(@QueryParam("token") String token) {
        Optional<TeamService.Invited> invited = teams.invited(token);
        if (invited.isEmpty()) {
            return notUsable(token);
        }
        return Response.ok(Templates.accept(token, invited.get(), null)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@FormParam("token") String token, @FormParam("password") String password) {
        try {
            if (!teams.accept(token, password)) {
                return notUsable(token);
            }
        } catch (AccountException e) {
            return teams.invited(token).map(i -> Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.accept(token, i, e.getMessage())).build()).orElseGet(() -> notUsable(token));
        }
        return Response.seeOther(URI.create("/login?joined=true")).build();
    }

    private Response notUsable(String token) {
        var notice = teams.isRevoked(token) ? AccountResource.Templates.notice("Invitation withdrawn", WITHDRAWN)
                : AccountResource.Templates.notice("Invitation expired", NOT_USABLE);
        return Response.status(Response.Status.BAD_REQUEST).entity(notice).build();
    }
}
