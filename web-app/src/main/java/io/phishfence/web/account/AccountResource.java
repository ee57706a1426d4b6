package io.phishfence.web.account;

import io.phishfence.web.account.AccountService.AccountException;
import io.phishfence.web.account.AccountService.RateLimitedException;
import io.phishfence.web.domain.DomainNames;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Sign-up, e-mail verification, log-in and log-out, password reset and change. The log-in form posts to
 * Quarkus' form authentication ({@code /j_security_check}, checked by {@link AccountIdentityProvider});
 * every other form carries a CSRF token that quarkus-rest-csrf checks. Links from e-mails open a page
 * whose button does the change, so that a mail scanner fetching the link changes nothing.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signup(String email, String organization, String error, String domain);

        static native TemplateInstance login(boolean failed, boolean verified, boolean passwordReset, boolean joined);

        static native TemplateInstance notice(String title, String text);

        static native TemplateInstance verify(String token);

        static native TemplateInstance forgot();

        static native TemplateInstance reset(String token, String error);

        static native TemplateInstance settings(String email, String role, String error, boolean changed);
    }

    static final String CHECK_INBOX = "Check your inbox";
    private static final String LINK_NOT_USABLE = "This link does not work any more: it was used already, it has expired, "
            + "or a newer one was sent. Ask for a new one.";

    private final AccountService accounts;
    private final SecurityIdentity identity;
    private final AccountConfig config;

    AccountResource(AccountService accounts, SecurityIdentity identity, AccountConfig config) {
        this.accounts = accounts;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @Path("signup")
    public TemplateInstance signupForm(@QueryParam("domain") String domain) {
        // "Monitor this domain" on a public check's page names the domain to add once the account exists.
        return Templates.signup("", "", null, DomainNames.toALabel(domain).orElse(null));
    }

    /** Answers the same for a new address and for one with an account: the difference is in the e-mail. */
    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signup(@FormParam("email") String email, @FormParam("password") String password,
            @FormParam("organization") String organization, @FormParam("domain") String domain,
            @Context HttpServerRequest request) {
        try {
            accounts.signUp(email, password, organization, domain, ClientAddress.of(request));
        } catch (AccountException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signup(email, organization, e.getMessage(), DomainNames.toALabel(domain).orElse(null)))
                    .build();
        } catch (RateLimitedException e) {
            return tooManyRequests();
        }
        return Response.ok(Templates.notice(CHECK_INBOX, "We sent an e-mail to " + Emails.normalize(email)
                + ". Follow the link in it to confirm your address, then log in. No e-mail after a few minutes? "
                + "Look in your spam folder, or sign up again to get a new link.")).build();
    }

    @GET
    @Path("verify")
    public TemplateInstance verifyForm(@QueryParam("token") String token) {
        return Templates.verify(token == null ? "" : token);
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@FormParam("token") String token) {
        if (!accounts.verify(token)) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.notice("Link expired", LINK_NOT_USABLE + " Signing up again with the same address sends one."))
                    .build();
        }
        return Response.seeOther(URI.create("/login?verified=true")).build();
    }

    @GET
    @Path("login")
    public TemplateInstance login(@QueryParam("error") boolean failed, @QueryParam("verified") boolean verified,
            @QueryParam("reset") boolean passwordReset, @QueryParam("joined") boolean joined) {
        return Templates.login(failed, verified, passwordReset, joined);
    }

    @POST
    @Path("logout")
    public Response logout() {
        if (!identity.isAnonymous()) {
            FormAuthenticationMechanism.logout(identity);
        }
        return Response.seeOther(URI.create("/")).build();
    }

    @GET
    @Path("password/forgot")
    public TemplateInstance forgotForm() {
        return Templates.forgot();
    }

    /** Answers the same whether or not the address has an account. */
    @POST
    @Path("password/forgot")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forgot(@FormParam("email") String email, @Context HttpServerRequest request) {
        try {
            accounts.requestPasswordReset(email, ClientAddress.of(request));
        } catch (RateLimitedException e) {
            return tooManyRequests();
        }
        return Response.ok(Templates.notice(CHECK_INBOX, "If " + Emails.normalize(email)
                + " has a PhishFence account, we sent it a link to choose a new password. The link works once.")).build();
    }

    @GET
    @Path("password/reset")
    public Response resetForm(@QueryParam("token") String token) {
        if (!accounts.isResetUsable(token)) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.notice("Link expired", LINK_NOT_USABLE)).build();
        }
        return Response.ok(Templates.reset(token, null)).build();
    }

    @POST
    @Path("password/reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@FormParam("token") String token, @FormParam("password") String password) {
        try {
            if (!accounts.resetPassword(token, password)) {
                return Response.status(Response.Status.BAD_REQUEST).entity(Templates.notice("Link expired", LINK_NOT_USABLE)).build();
            }
        } catch (AccountException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.reset(token, e.getMessage())).build();
        }
        return Response.seeOther(URI.create("/login?reset=true")).build();
    }

    @GET
    @Path("account")
    @Authenticated
    public TemplateInstance settings(@QueryParam("changed") boolean changed) {
        return Templates.settings(identity.getPrincipal().getName(), role(), null, changed);
    }

    @POST
    @Path("account/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@FormParam("current") String current, @FormParam("password") String password,
            @Context HttpServerRequest request, @Context HttpServerResponse response) {
        String email = identity.getPrincipal().getName();
        try {
            // The other sessions end; this one carries on with the new stamp.
            SessionStamps.hand(response, request, accounts.changePassword(email, current, password));
        } catch (AccountException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.settings(email, role(), e.getMessage(), false)).build();
        }
        return Response.seeOther(URI.create("/account?changed=true")).build();
    }

    private String role() {
        return identity.hasRole(Roles.OWNER) ? Roles.OWNER : Roles.MEMBER;
    }

    private Response tooManyRequests() {
        return Response.status(429).header("Retry-After", Long.toString(config.limits().window().toSeconds()))
                .entity(Templates.notice("Too many attempts", "Too many attempts from your network. Wait a few minutes and try again."))
                .build();
    }
}
