package io.phishfence.web.account;

/**
 * The roles of an account in its tenant. An owner runs the tenant: invites people and removes domains;
 * a member works with it: sees everything, adds domains, asks for checks.
 */
public final class Roles {

    public static final String OWNER = "owner";
    public static final String MEMBER = "member";

    private Roles() {
    }
}
