package io.phishfence.web.alert;

import io.phishfence.web.account.Emails;
import io.phishfence.web.account.Roles;
import io.phishfence.web.alert.AlertRecipients.RecipientException;
import io.phishfence.web.alert.digest.DeliveryModes;
import io.phishfence.web.domain.Domain;
import io.phishfence.web.domain.DomainService;
import io.phishfence.web.tenant.TenantContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Set;

/**
 * Who receives one domain's alerts, and which. Everyone signed in sees the list. Each member chooses the rules
 * they receive for themselves; an owner also adds and removes extra addresses and chooses their rules (an extra
 * address has no log-in: an owner speaks for it, and its own mute links work too). An owner does not change
 * another member's choice: that is the member's inbox.
 */
@Path("/domains/{name}/alert-recipients")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AlertRecipientsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance recipients(Domain domain, List<AlertRecipients.Recipient> recipients,
                List<AlertRules.Rule> rules, String me, boolean owner, String error, String input,
                DeliveryModes.Choices delivery);
    }

    private final DomainService domains;
    private final AlertRecipients recipients;
    private final DeliveryModes modes;
    private final TenantContext tenant;
    private final SecurityIdentity identity;

    AlertRecipientsResource(DomainService domains, AlertRecipients recipients, DeliveryModes modes,
            TenantContext tenant, SecurityIdentity identity) {
        this.domains = domains;
        this.recipients = recipients;
        this.modes = modes;
        this.tenant = tenant;
        this.identity = identity;
    }

    @GET
    @Transactional
    public TemplateInstance show(@PathParam("name") String name) {
        return page(domain(name), null, null);
    }

    @POST
    @RolesAllowed(Roles.OWNER)
    @Transactional
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@PathParam("name") String name, @FormParam("email") String email) {
        Domain domain = domain(name);
        try {
            recipients.addExtra(tenant.get(), domain.name, email, me());
        } catch (RecipientException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(page(domain, e.getMessage(), email)).build();
        }
        return backTo(domain);
    }

    @POST
    @Path("remove")
    @RolesAllowed(Roles.OWNER)
    @Transactional
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("name") String name, @FormParam("email") String email) {
        Domain domain = domain(name);
        if (!recipients.removeExtra(tenant.get(), domain.name, email)) {
            throw new NotFoundException();
        }
        return backTo(domain);
    }

    /** Sets the rules one recipient receives: the ticked ones; every other rule is opted out of. */
    @POST
    @Path("rules")
    @Transactional
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rules(@PathParam("name") String name, @FormParam("recipient") String recipient,
            @FormParam("rule") List<String> rules) {
        Domain domain = domain(name);
        String address = mayChoose(domain, recipient);
        recipients.receiveOnly(tenant.get(), domain.name, address,
                Set.copyOf(rules == null ? List.of() : rules.stream().filter(AlertRules::isRule).toList()));
        return backTo(domain);
    }

    /**
     * Sets whether one recipient takes alert e-mails immediately or in a daily digest. The choice is the
     * recipient's for every domain of the organization (ADR 0013); this page is one place to make it.
     */
    @POST
    @Path("delivery")
    @Transactional
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delivery(@PathParam("name") String name, @FormParam("recipient") String recipient,
            @FormParam("mode") String mode) {
        Domain domain = domain(name);
        String address = mayChoose(domain, recipient);
        if (!DeliveryModes.isMode(mode)) {
            throw new BadRequestException("mode is immediate or digest");
        }
        modes.set(tenant.get(), address, mode);
        return backTo(domain);
    }

    /** The recipient's normalized address, if the caller may choose for it: their own, or an owner's extra address. */
    private String mayChoose(Domain domain, String recipient) {
        String address = Emails.normalize(recipient);
        boolean mine = address.equals(me());
        boolean ownersToSet = identity.hasRole(Roles.OWNER) && recipients.isExtra(tenant.get(), domain.name, address);
        if (!mine && !ownersToSet) {
            throw new ForbiddenException("only the recipient, or an owner for an extra address, chooses its alerts");
        }
        return address;
    }

    private Domain domain(String name) {
        return domains.findOwned(name).orElseThrow(NotFoundException::new);
    }

    private TemplateInstance page(Domain domain, String error, String input) {
        return Templates.recipients(domain, recipients.of(tenant.get(), domain.name), AlertRules.ALL, me(),
                identity.hasRole(Roles.OWNER), error, input, modes.choices(tenant.get()));
    }

    private String me() {
        return Emails.normalize(identity.getPrincipal().getName());
    }

    private static Response backTo(Domain domain) {
        return Response.seeOther(UriBuilder.fromPath("/domains/{name}/alert-recipients").build(domain.name)).build();
    }
}
