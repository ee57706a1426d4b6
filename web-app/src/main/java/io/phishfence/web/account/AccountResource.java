package io.phishfence.web.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
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

/**
 * Sign-up, log-in and log-out pages. The log-in form posts to Quarkus' form authentication
 * ({@code /j_security_check}); state-changing forms here carry a CSRF token (quarkus-rest-csrf).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signup(String email, String organization, String error);

        static native TemplateInstance login(boolean failed, boolean created);
    }

    private final AccountService accounts;
    private final SecurityIdentity identity;

    AccountResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @GET
    @Path("signup")
    public TemplateInstance signupForm() {
        return Templates.signup("", "", null);
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signup(@FormParam("email") String email, @FormParam("password") String password,
            @FormParam("organization") String organization) {
        try {
            accounts.signUp(email, password, organization);
        } catch (AccountService.SignUpException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signup(email, organization, e.getMessage())).build();
        }
        return Response.seeOther(URI.create("/login?created=true")).build();
    }

    @GET
    @Path("login")
    public TemplateInstance login(@QueryParam("error") boolean failed, @QueryParam("created") boolean created) {
        return Templates.login(failed, created);
    }

    @POST
    @Path("logout")
    public Response logout() {
        if (!identity.isAnonymous()) {
            FormAuthenticationMechanism.logout(identity);
        }
        return Response.seeOther(URI.create("/")).build();
    }
}
