package io.phishfence.web.account;

import io.phishfence.web.account.AccountService.AccountException;
import io.phishfence.web.tenant.TenantContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
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

/** The tenant's people: everyone sees the members; only an owner invites. */
@Path("/team")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class TeamResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance team(TeamService.Team team, boolean owner, String error, String invited);
    }

    private final TeamService teams;
    private final TenantContext tenant;
    private final SecurityIdentity identity;

    TeamResource(TeamService teams, TenantContext tenant, SecurityIdentity identity) {
        this.teams = teams;
        this.tenant = tenant;
        this.identity = identity;
    }

    @GET
    public TemplateInstance team(@QueryParam("invited") String invited) {
        return Templates.team(teams.team(tenant.get()), isOwner(), null, invited);
    }

    @POST
    @Path("invitations")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(@FormParam("email") String email) {
        try {
            teams.invite(identity.getPrincipal().getName(), email);
        } catch (AccountException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.team(teams.team(tenant.get()), true, e.getMessage(), null)).build();
        }
        return Response.seeOther(URI.create("/team?invited=" + java.net.URLEncoder.encode(Emails.normalize(email),
                java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    private boolean isOwner() {
        return identity.hasRole(Roles.OWNER);
    }
}
