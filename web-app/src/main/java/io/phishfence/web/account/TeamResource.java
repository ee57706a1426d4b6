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
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The tenant's people: everyone sees the members; an owner invites, withdraws invitations, makes members owners
 * (and back), and removes members, never leaving the organization without an owner. Removing someone asks for
 * confirmation on a page of its own (works without JavaScript).
 */
@Path("/team")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class TeamResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance team(TeamService.Team team, boolean owner, UUID me, String error, String invited);

        static native TemplateInstance remove(Account member, boolean lastOwner, boolean me);
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
        return page(null, invited);
    }

    @POST
    @Path("invitations")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(@FormParam("email") String email) {
        try {
            teams.invite(identity.getPrincipal().getName(), email);
        } catch (AccountException e) {
            return badRequest(e);
        }
        return Response.seeOther(URI.create("/team?invited=" + URLEncoder.encode(Emails.normalize(email),
                StandardCharsets.UTF_8))).build();
    }

    @POST
    @Path("invitations/{id}/revoke")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeInvitation(@PathParam("id") String id) {
        if (!teams.revokeInvitation(tenant.get(), uuid(id))) {
            throw new NotFoundException();
        }
        return backToTeam();
    }

    @POST
    @Path("members/{id}/role")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeRole(@PathParam("id") String id, @FormParam("role") String role) {
        try {
            if (!teams.changeRole(tenant.get(), uuid(id), role)) {
                throw new NotFoundException();
            }
        } catch (AccountException e) {
            return badRequest(e);
        }
        return backToTeam();
    }

    @GET
    @Path("members/{id}/remove")
    @RolesAllowed(Roles.OWNER)
    public TemplateInstance confirmRemoval(@PathParam("id") String id) {
        Account member = teams.member(tenant.get(), uuid(id)).orElseThrow(NotFoundException::new);
        return Templates.remove(member, teams.isLastOwner(member), member.id.equals(me()));
    }

    @POST
    @Path("members/{id}/remove")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("id") String id) {
        UUID member = uuid(id);
        try {
            if (!teams.remove(tenant.get(), member)) {
                throw new NotFoundException();
            }
        } catch (AccountException e) {
            return badRequest(e);
        }
        // An owner who removed themselves has no session any more.
        return member.equals(me()) ? Response.seeOther(URI.create("/login")).build() : backToTeam();
    }

    private TemplateInstance page(String error, String invited) {
        return Templates.team(teams.team(tenant.get()), identity.hasRole(Roles.OWNER), me(), error, invited);
    }

    private Response badRequest(AccountException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(page(e.getMessage(), null)).build();
    }

    private static Response backToTeam() {
        return Response.seeOther(URI.create("/team")).build();
    }

    private UUID me() {
        return identity.getAttribute(AccountIdentityProvider.ACCOUNT_ATTRIBUTE);
    }

    /** A path id; one that is not a UUID names nothing. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
