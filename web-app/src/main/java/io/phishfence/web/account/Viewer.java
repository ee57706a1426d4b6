package io.phishfence.web.account;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The logged-in person as templates see them ({@code inject:viewer}), so that a page shows owner-only controls
 * to owners without every template method taking a flag. The endpoints behind the controls check the role again.
 */
@Named("viewer")
@RequestScoped
public class Viewer {

    private final SecurityIdentity identity;

    Viewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isOwner() {
        return identity.hasRole(Roles.OWNER);
    }
}
