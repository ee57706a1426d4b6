package io.phishfence.web.settings;

import io.phishfence.web.account.AccountIdentityProvider;
import io.phishfence.web.api.token.ApiToken;
import io.phishfence.web.api.token.ApiTokens;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Settings → API tokens: create one (shown once), list them, revoke one. */
@Path("/settings/tokens")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class TokenSettingsResource {

    @CheckedTemplate
    static class Templates {
        /** @param created the secret of a token just created, or null */
        static native TemplateInstance tokens(List<ApiToken> tokens, String created, String error);
    }

    private final ApiTokens tokens;
    private final SecurityIdentity identity;

    TokenSettingsResource(ApiTokens tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @GET
    public TemplateInstance list() {
        return Templates.tokens(tokens.list(), null, null);
    }

    /**
     * Answers with the page itself rather than a redirect: the secret is shown in this one response and
     * nowhere else (not in a URL, not in storage), and the response is not cached.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name) {
        ApiTokens.Created created;
        try {
            created = tokens.create(name, identity.getPrincipal().getName(),
                    identity.getAttribute(AccountIdentityProvider.ACCOUNT_ATTRIBUTE));
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.tokens(tokens.list(), null, e.getMessage())).build();
        }
        return Response.ok(Templates.tokens(tokens.list(), created.secret(), null))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") String id) {
        UUID tokenId;
        try {
            tokenId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        if (!tokens.revoke(tokenId)) {
            throw new NotFoundException();
        }
        return Response.seeOther(URI.create("/settings/tokens")).build();
    }
}
