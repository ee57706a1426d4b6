package io.phishfence.web.account;

import io.phishfence.web.account.AccountService.AccountException;
import io.phishfence.web.alert.DeliveryCancellations;
import io.phishfence.web.tenant.Tenant;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The people of a tenant: an owner invites by e-mail; the invitee accepts through the link and gets a
 * member account of that tenant. An address belongs to one account and an account to one tenant.
 */
@ApplicationScoped
public class TeamService {

    /** What the team page shows. */
    public record Team(List<Account> members, List<Invitation> invitations) {
    }

    /** What an invitation link leads to: the organization's name, the invited address, and whether it is free. */
    public record Invited(String organization, String email, boolean addressTaken) {
    }

    private final AccountService accounts;
    private final AccountMails mails;
    private final AccountConfig config;
    private final DeliveryCancellations alertDeliveries;
    private final Clock clock = Clock.systemUTC();

    TeamService(AccountService accounts, AccountMails mails, AccountConfig config,
            DeliveryCancellations alertDeliveries) {
        this.accounts = accounts;
        this.mails = mails;
        this.config = config;
        this.alertDeliveries = alertDeliveries;
    }

    @Transactional
    public Team team(String tenantId) {
        return new Team(Account.listOfTenant(tenantId), Invitation.listOpen(tenantId, clock.instant()));
    }

    /**
     * Invites {@code email} into the inviter's tenant as a member. The answer does not depend on whether the
     * address has an account elsewhere (that is told only to the invitee, when they open the link).
     *
     * @throws AccountException when the address is not plausible
     */
    public void invite(String inviterEmail, String email) throws AccountException {
        String address = Emails.normalize(email);
        if (!Emails.isPlausible(address)) {
            throw new AccountException("Enter a valid e-mail address.");
        }
        AccountMails.Outgoing mail = QuarkusTransaction.requiringNew().call(() -> {
            Account inviter = Account.findByEmail(inviterEmail).orElseThrow();
            Tenant tenant = Tenant.findById(inviter.tenantId);
            String secret = SecretTokens.generate();
            var invitation = new Invitation();
            invitation.id = UUID.randomUUID();
            invitation.tenantId = inviter.tenantId;
            invitation.email = address;
            invitation.role = Roles.MEMBER;
            invitation.tokenHash = SecretTokens.hash(secret);
            invitation.invitedBy = inviter.id;
            invitation.createdAt = clock.instant();
            invitation.expiresAt = invitation.createdAt.plus(config.invitationTtl());
            invitation.persist();
            return mails.invitation(address, secret, tenant.name, inviter.email);
        });
        accounts.sendWithinLimit(mail);
    }

    /**
     * Changes a member's role. Serialized per tenant (the tenant row is locked), so that two owners demoting each
     * other at once cannot leave the tenant without one. The change holds from the member's next request on:
     * every request builds the identity from the account row.
     *
     * @return false when the tenant has no such member
     * @throws AccountException when it would leave the tenant without an owner, or the role is unknown
     */
    @Transactional
    public boolean changeRole(String tenantId, UUID memberId, String role) throws AccountException {
        if (!Roles.OWNER.equals(role) && !Roles.MEMBER.equals(role)) {
            throw new AccountException("A role is owner or member.");
        }
        lockTenant(tenantId);
        Optional<Account> member = Account.findInTenant(tenantId, memberId);
        if (member.isEmpty()) {
            return false;
        }
        if (member.get().isOwner() && Roles.MEMBER.equals(role)) {
            requireAnotherOwner(tenantId);
        }
        member.get().role = role;
        return true;
    }

    /**
     * Removes a member from the tenant: the account is deleted with its e-mailed links, its open invitations and
     * the API tokens it created, so its sessions and tokens stop working at their next request. Alert e-mails not
     * yet sent to it are cancelled.
     *
     * @return false when the tenant has no such member
     * @throws AccountException when the member is the tenant's last owner
     */
    @Transactional
    public boolean remove(String tenantId, UUID memberId) throws AccountException {
        lockTenant(tenantId);
        Optional<Account> member = Account.findInTenant(tenantId, memberId);
        if (member.isEmpty()) {
            return false;
        }
        if (member.get().isOwner()) {
            requireAnotherOwner(tenantId);
        }
        alertDeliveries.memberLeft(tenantId, member.get().email);
        member.get().delete();
        return true;
    }

    /** One member of the tenant, for the removal's confirmation page. */
    @Transactional
    public Optional<Account> member(String tenantId, UUID memberId) {
        return Account.findInTenant(tenantId, memberId);
    }

    /** Whether the member is the tenant's only owner (who can be neither removed nor demoted). */
    @Transactional
    public boolean isLastOwner(Account member) {
        return member.isOwner() && Account.ownersOf(member.tenantId) == 1;
    }

    /**
     * Withdraws an open invitation: its link then shows that it was withdrawn.
     *
     * @return false when the tenant has no such open invitation
     */
    @Transactional
    public boolean revokeInvitation(String tenantId, UUID invitationId) {
        Instant now = clock.instant();
        Optional<Invitation> invitation = Invitation.findOpen(tenantId, invitationId, now);
        invitation.ifPresent(i -> i.revokedAt = now);
        return invitation.isPresent();
    }

    /** Whether an invitation link was withdrawn by the organization (rather than used or expired). */
    @Transactional
    public boolean isRevoked(String token) {
        return Invitation.isRevoked(token);
    }

    private static void lockTenant(String tenantId) {
        Tenant.findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static void requireAnotherOwner(String tenantId) throws AccountException {
        if (Account.ownersOf(tenantId) < 2) {
            throw new AccountException("An organization needs an owner: make someone else an owner first.");
        }
    }

    /** What the link shows before it is accepted; empty when it is unknown, used or expired. */
    @Transactional
    public Optional<Invited> invited(String token) {
        return Invitation.findUsable(token, clock.instant()).map(i -> new Invited(
                Tenant.<Tenant>findById(i.tenantId).name, i.email, Account.findByEmail(i.email).isPresent()));
    }

    /**
     * Accepts the invitation: a verified account (the link reached the address) with the given password,
     * in the inviting tenant.
     *
     * @return false when the link is unknown, used or expired, or the address has an account by now
     * @throws AccountException when the password is unacceptable
     */
    @Transactional
    public boolean accept(String token, String password) throws AccountException {
        Passwords.requireAcceptable(password);
        Instant now = clock.instant();
        Optional<Invitation> found = Invitation.findUsable(token, now);
        if (found.isEmpty() || Account.findByEmail(found.get().email).isPresent()) {
            return false;
        }
        Invitation invitation = found.get();
        invitation.acceptedAt = now;
        accounts.newAccount(invitation.tenantId, invitation.email, Passwords.hash(password), invitation.role, now);
        return true;
    }
}
