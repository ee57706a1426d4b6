package io.phishfence.web.account;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.testing.TestMailServer;
import io.phishfence.web.WebSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every account flow through the app's real edges: a real PostgreSQL, a real Kafka broker, and a real SMTP
 * server that receives the mails the app sends.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class AccountFlowsTest {

    static final String PASSWORD = "correct horse battery";
    static final Duration MAIL_WAIT = Duration.ofSeconds(90);

    @Inject
    AgroalDataSource dataSource;

    static String uniqueEmail() {
        return "person-" + UUID.randomUUID() + "@example.org";
    }

    static TestMailServer mail() {
        return MailResource.server();
    }

    static void signUp(WebSession session, String email, String password) {
        assertEquals(200, session.submit("/signup", "/signup", Map.of("email", email, "password", password)).statusCode());
    }

    @Test
    void theDomainCheckedBeforeSigningUpWaitsOnTheDomainsPageUntilADomainIsAdded() {
        String email = uniqueEmail();
        var session = new WebSession();
        // "Monitor this domain" links to the sign-up page with the domain; the form carries it as an A-label.
        String form = session.get("/signup?domain=Shop.Example.org.").asString();
        assertTrue(form.contains("name=\"domain\" value=\"shop.example.org\""), form);
        String domains = domainsPageAfterSigningUpWith(session, email, "Bücher.example");
        assertTrue(domains.contains("You signed up to monitor <strong>xn--bcher-kva.example</strong>"), domains);
        assertTrue(domains.contains("value=\"xn--bcher-kva.example\""), domains);

        assertEquals(303, session.submit("/domains", "/domains", Map.of("name", "xn--bcher-kva.example")).statusCode());
        String after = session.get("/domains").asString();
        assertFalse(after.contains("You signed up to monitor"), after);
        assertFalse(after.contains("value=\"xn--bcher-kva.example\""), after);
    }

    @Test
    void aSignUpNamingSomethingThatIsNotADomainOffersNothing() {
        String email = uniqueEmail();
        var session = new WebSession();
        assertFalse(session.get("/signup?domain=not_a_domain").asString().contains("name=\"domain\""));
        String domains = domainsPageAfterSigningUpWith(session, email, "<script>alert(1)</script>");
        assertFalse(domains.contains("You signed up to monitor"), domains);
        assertFalse(domains.contains("<script>alert(1)"), domains);
    }

    /** Signs up with {@code domain} in the form, verifies, logs in: the domains page the person then sees. */
    private static String domainsPageAfterSigningUpWith(WebSession session, String email, String domain) {
        assertEquals(200, session.submit("/signup", "/signup",
                Map.of("email", email, "password", PASSWORD, "domain", domain)).statusCode());
        session.verify(email, 1);
        session.logIn(email, PASSWORD);
        return session.get("/domains").asString();
    }

    @Test
    void logInIsRefusedUntilTheAddressIsVerifiedThroughTheMailedLink() {
        String email = uniqueEmail();
        var session = new WebSession();
        signUp(session, email, PASSWORD);

        var verification = mail().awaitMail(email, 1, MAIL_WAIT);
        assertTrue(verification.subject().contains("Confirm"), verification.subject());
        assertTrue(verification.html().contains("Confirm my address"), "an HTML part too");
        assertTrue(session.logIn(email, PASSWORD).header("Location").contains("error"), "not verified yet");

        assertEquals(303, session.verify(email, 1).statusCode());
        assertTrue(session.logIn(email, PASSWORD).header("Location").endsWith("/domains"));
        session.get("/domains").then().statusCode(200);
    }

    @Test
    void openingTheVerificationLinkChangesNothingUntilThePersonConfirms() throws Exception {
        String email = uniqueEmail();
        var session = new WebSession();
        signUp(session, email, PASSWORD);
        String link = mail().awaitMail(email, 1, MAIL_WAIT).link("/verify").orElseThrow();
        session.open(link).then().statusCode(200).body(containsString("Confirm my address"));
        assertTrue(session.logIn(email, PASSWORD).header("Location").contains("error"), "a mail scanner's GET verifies nothing");
    }

    @Test
    void aVerificationLinkWorksOnce() {
        String email = uniqueEmail();
        var session = new WebSession();
        signUp(session, email, PASSWORD);
        assertEquals(303, session.verify(email, 1).statusCode());
        assertEquals(400, session.verify(email, 1).statusCode());
    }

    @Test
    void signUpAnswersTheSameForAKnownAddressAndTellsTheOwnerByMail() {
        String known = uniqueEmail();
        var first = new WebSession();
        signUp(first, known, PASSWORD);
        first.verify(known, 1);
        String unknown = uniqueEmail();

        var again = new WebSession().submit("/signup", "/signup", Map.of("email", known, "password", "another password!"));
        var fresh = new WebSession().submit("/signup", "/signup", Map.of("email", unknown, "password", "another password!"));
        assertEquals(fresh.statusCode(), again.statusCode());
        assertEquals(fresh.asString().replace(unknown, "ADDRESS"), again.asString().replace(known, "ADDRESS"));

        var notice = mail().awaitMail(known, 2, MAIL_WAIT);
        assertTrue(notice.subject().contains("already have"), notice.subject());
        assertTrue(notice.text().contains("/password/forgot"), "points to the password reset");
        assertTrue(new WebSession().logIn(known, PASSWORD).header("Location").endsWith("/domains"), "password unchanged");
        assertTrue(new WebSession().logIn(known, "another password!").header("Location").contains("error"));
    }

    @Test
    void signingUpAgainBeforeVerifyingSendsAFreshLinkThatEndsNone() {
        String email = uniqueEmail();
        signUp(new WebSession(), email, PASSWORD);
        signUp(new WebSession(), email, "a different password");
        mail().awaitMail(email, 2, MAIL_WAIT);
        assertEquals(303, new WebSession().verify(email, 2).statusCode());
        assertTrue(new WebSession().logIn(email, PASSWORD).header("Location").endsWith("/domains"),
                "the first sign-up's password: a second sign-up cannot take over the address");
    }

    @Test
    void passwordResetAnswersTheSameForKnownAndUnknownAddresses() {
        String known = uniqueEmail();
        WebSession.signedUp(known, PASSWORD);
        String unknown = uniqueEmail();

        var forKnown = new WebSession().submit("/password/forgot", "/password/forgot", Map.of("email", known));
        var forUnknown = new WebSession().submit("/password/forgot", "/password/forgot", Map.of("email", unknown));
        assertEquals(200, forKnown.statusCode());
        assertEquals(forUnknown.statusCode(), forKnown.statusCode());
        assertEquals(forUnknown.asString().replace(unknown, "ADDRESS"), forKnown.asString().replace(known, "ADDRESS"));

        var reset = mail().awaitMail(known, 2, MAIL_WAIT);
        assertTrue(reset.subject().contains("Reset"), reset.subject());
        assertTrue(mail().to(unknown).isEmpty(), "no mail to an address without an account");
    }

    @Test
    void aResetLinkSetsTheNewPasswordOnceAndIsStoredOnlyAsAHash() throws Exception {
        String email = uniqueEmail();
        WebSession.signedUp(email, PASSWORD);
        var session = new WebSession();
        String link = requestResetLink(session, email);
        String token = tokenOf(link);
        assertEquals(SecretTokens.hash(token), storedResetHash(email), "the database holds the hash");
        assertNotEquals(token, storedResetHash(email));

        var form = session.open(link);
        assertEquals(200, form.statusCode());
        assertEquals(303, session.submit(linkPath(link), "/password/reset",
                Map.of("token", token, "password", "a brand new password")).statusCode());
        assertTrue(new WebSession().logIn(email, "a brand new password").header("Location").endsWith("/domains"));
        assertTrue(new WebSession().logIn(email, PASSWORD).header("Location").contains("error"), "old password gone");

        assertEquals(400, session.open(link).statusCode(), "used once");
        assertEquals(400, session.submit("/login", "/password/reset", Map.of("token", token, "password", "yet another password"))
                .statusCode());
    }

    @Test
    void anExpiredResetLinkIsRefused() throws Exception {
        String email = uniqueEmail();
        WebSession.signedUp(email, PASSWORD);
        var session = new WebSession();
        String link = requestResetLink(session, email);
        execute("update web.account_token set expires_at = now() - interval '1 second' where purpose = 'reset' "
                + "and account_id = (select id from web.account where email = '" + email + "')");
        assertEquals(400, session.open(link).statusCode());
        assertEquals(400, session.submit("/login", "/password/reset", Map.of("token", tokenOf(link), "password", "a brand new password"))
                .statusCode());
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() {
        String email = uniqueEmail();
        var session = WebSession.signedUp(email, PASSWORD);
        session.submit("/account", "/account/password", Map.of("current", "not my password", "password", "a brand new password"))
                .then().statusCode(400).body(containsString("current password is not right"));
        assertEquals(303, session.submit("/account", "/account/password",
                Map.of("current", PASSWORD, "password", "a brand new password")).statusCode());
        assertTrue(new WebSession().logIn(email, "a brand new password").header("Location").endsWith("/domains"));
    }

    @Test
    void theAccountPagesNeedALogIn() {
        assertEquals(302, new WebSession().get("/account").statusCode());
        assertEquals(302, new WebSession().get("/team").statusCode());
    }

    @Test
    void logInIsLimitedPerAccountThenRefusedEvenWithTheRightPassword() {
        String email = uniqueEmail();
        WebSession.signedUp(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            new WebSession().logIn(email, "wrong password " + i);
        }
        assertTrue(new WebSession().logIn(email, PASSWORD).header("Location").contains("error"), "the account is paused");
    }

    @Test
    void logInIsLimitedPerClientAddress() {
        String email = uniqueEmail();
        WebSession.signedUp(email, PASSWORD);
        String attacker = "192.0.2.77";
        for (int i = 0; i < 20; i++) {
            new WebSession(attacker).logIn(uniqueEmail(), "guess " + i);
        }
        assertTrue(new WebSession(attacker).logIn(email, PASSWORD).header("Location").contains("error"),
                "this address is paused");
        assertTrue(new WebSession("192.0.2.78").logIn(email, PASSWORD).header("Location").endsWith("/domains"),
                "another client still logs in");
    }

    @Test
    void anUnknownAddressIsPausedLikeAKnownOne() {
        String unknown = uniqueEmail();
        for (int i = 0; i < 6; i++) {
            assertTrue(new WebSession().logIn(unknown, "guess " + i).header("Location").contains("error"));
        }
    }

    @Test
    void signUpIsLimitedPerClientAddress() {
        String ip = "198.51.100.9";
        for (int i = 0; i < 10; i++) {
            assertEquals(200, new WebSession(ip).submit("/signup", "/signup",
                    Map.of("email", uniqueEmail(), "password", PASSWORD)).statusCode());
        }
        var refused = new WebSession(ip).submit("/signup", "/signup", Map.of("email", uniqueEmail(), "password", PASSWORD));
        assertEquals(429, refused.statusCode());
        assertTrue(refused.header("Retry-After") != null);
    }

    @Test
    void logInWithoutTheFormsCsrfTokenIsRefused() {
        String email = uniqueEmail();
        var session = WebSession.signedUp(email, PASSWORD);
        var forged = io.restassured.RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("j_username", email, "j_password", PASSWORD)).post("/j_security_check");
        assertTrue(forged.header("Location").contains("error"), forged.header("Location"));
        session.get("/domains").then().statusCode(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        String email = uniqueEmail();
        var session = new WebSession();
        signUp(session, email, PASSWORD);
        session.verify(email, 1);
        // Cookie attribute names are case-insensitive (RFC 6265 5.2).
        String setCookie = session.logIn(email, PASSWORD).headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("quarkus-credential=")).findFirst().orElseThrow().toLowerCase(java.util.Locale.ROOT);
        assertTrue(setCookie.contains("; httponly"), setCookie);
        assertTrue(setCookie.contains("; samesite=strict"), setCookie);
        assertFalse(setCookie.contains("; secure"), "plain HTTP here; Secure is set when served over HTTPS");
    }

    @Test
    void anOwnerInvitesAMemberWhoJoinsAndCannotInvite() {
        String owner = uniqueEmail();
        var ownerSession = WebSession.signedUp(owner, PASSWORD);
        String invitee = uniqueEmail();
        assertEquals(303, ownerSession.submit("/team", "/team/invitations", Map.of("email", invitee)).statusCode());

        var invitation = mail().awaitMail(invitee, 1, MAIL_WAIT);
        assertTrue(invitation.text().contains(owner), "says who invites");
        String link = invitation.link("/invitations/accept").orElseThrow();
        String token = tokenOf(link);
        var member = new WebSession();
        member.open(link).then().statusCode(200).body(containsString(invitee));
        assertEquals(303, member.submit(linkPath(link), "/invitations/accept",
                Map.of("token", token, "password", "member password!")).statusCode());
        assertTrue(member.logIn(invitee, "member password!").header("Location").endsWith("/domains"));

        member.get("/team").then().statusCode(200).body(containsString(owner)).body(containsString(invitee))
                .body(containsString("Ask an owner"));
        assertEquals(403, member.submit("/team", "/team/invitations", Map.of("email", uniqueEmail())).statusCode());
        assertEquals(400, new WebSession().open(link).statusCode(), "an invitation works once");

        var outsider = WebSession.signedUp(uniqueEmail(), PASSWORD);
        outsider.get("/team").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString(invitee)));
    }

    @Test
    void anInvitationToAnAddressWithAnAccountIsAnsweredLikeAnyOther() {
        var ownerSession = WebSession.signedUp(uniqueEmail(), PASSWORD);
        String taken = uniqueEmail();
        WebSession.signedUp(taken, PASSWORD);
        assertEquals(303, ownerSession.submit("/team", "/team/invitations", Map.of("email", taken)).statusCode());
        String link = mail().awaitMail(taken, 2, MAIL_WAIT).link("/invitations/accept").orElseThrow();
        new WebSession().open(link).then().statusCode(200).body(containsString("has a PhishFence account already"));
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsButNotThisOne() {
        String email = uniqueEmail();
        var here = WebSession.signedUp(email, PASSWORD);
        var elsewhere = WebSession.signedIn(email, PASSWORD);
        assertTrue(elsewhere.isLoggedIn());

        assertEquals(303, here.submit("/account", "/account/password",
                Map.of("current", PASSWORD, "password", "a brand new password")).statusCode());
        assertTrue(here.isLoggedIn(), "the session that changed the password carries on");
        assertFalse(elsewhere.isLoggedIn(), "every other session of the account ends at once");
        assertTrue(WebSession.signedIn(email, "a brand new password").isLoggedIn());
    }

    @Test
    void aPasswordResetEndsEverySessionOfTheAccount() {
        String email = uniqueEmail();
        var session = WebSession.signedUp(email, PASSWORD);
        var resetter = new WebSession();
        String link = requestResetLink(resetter, email);
        assertEquals(303, resetter.submit(linkPath(link), "/password/reset",
                Map.of("token", tokenOf(link), "password", "a brand new password")).statusCode());
        assertFalse(session.isLoggedIn(), "whoever held a session before the reset is out");
    }

    @Test
    void anOwnerChangesRolesAndRemovesMembersButNeverLeavesTheOrganizationWithoutAnOwner() throws Exception {
        String owner = uniqueEmail();
        var ownerSession = WebSession.signedUp(owner, PASSWORD);
        String memberEmail = uniqueEmail();
        var member = WebSession.joined(ownerSession, memberEmail, "member password!");
        String memberToken = member.createApiToken("member's token");
        String ownerId = accountId(owner);
        String memberId = accountId(memberEmail);

        ownerSession.submit("/team", "/team/members/" + ownerId + "/role", Map.of("role", "member"))
                .then().statusCode(400).body(containsString("needs an owner"));
        ownerSession.get("/team/members/" + ownerId + "/remove").then().statusCode(200).body(containsString("only owner"));
        assertEquals(400, ownerSession.submit("/team", "/team/members/" + ownerId + "/remove", Map.of()).statusCode());
        assertEquals("owner", roleOf(owner));

        assertEquals(303, ownerSession.submit("/team", "/team/members/" + memberId + "/role", Map.of("role", "owner")).statusCode());
        member.get("/team").then().statusCode(200).body(containsString("Send invitation"));
        assertEquals(303, ownerSession.submit("/team", "/team/members/" + memberId + "/role", Map.of("role", "member")).statusCode());
        assertEquals(403, member.submit("/team", "/team/invitations", Map.of("email", uniqueEmail())).statusCode(),
                "a demoted member is a member from the next request on");

        ownerSession.get("/team/members/" + memberId + "/remove").then().statusCode(200)
                .body(containsString("can no longer log in"));
        assertEquals(303, ownerSession.submit("/team", "/team/members/" + memberId + "/remove", Map.of()).statusCode());
        assertFalse(member.isLoggedIn(), "a removed member's session ends at once");
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + memberToken).get("/api/v1/domains")
                .then().statusCode(401);
        assertTrue(new WebSession().logIn(memberEmail, "member password!").header("Location").contains("error"));
        ownerSession.get("/team").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString(memberEmail)));
    }

    @Test
    void aWithdrawnInvitationsLinkSaysSo() throws Exception {
        var ownerSession = WebSession.signedUp(uniqueEmail(), PASSWORD);
        String invitee = uniqueEmail();
        assertEquals(303, ownerSession.submit("/team", "/team/invitations", Map.of("email", invitee)).statusCode());
        String link = mail().awaitMail(invitee, 1, MAIL_WAIT).link("/invitations/accept").orElseThrow();

        assertEquals(303, ownerSession.submit("/team", "/team/invitations/" + invitationId(invitee) + "/revoke", Map.of())
                .statusCode());
        ownerSession.get("/team").then().body(org.hamcrest.Matchers.not(containsString(invitee)));
        var person = new WebSession();
        person.open(link).then().statusCode(400).body(containsString("withdrawn"));
        person.submit("/login", "/invitations/accept", Map.of("token", tokenOf(link), "password", "member password!"))
                .then().statusCode(400).body(containsString("withdrawn"));
        assertTrue(person.logIn(invitee, "member password!").header("Location").contains("error"), "no account was made");
    }

    private String accountId(String email) throws SQLException {
        return queryOne("select id::text from web.account where email = ?", email);
    }

    private String roleOf(String email) throws SQLException {
        return queryOne("select role from web.account where email = ?", email);
    }

    private String invitationId(String email) throws SQLException {
        return queryOne("select id::text from web.invitation where email = ?", email);
    }

    private String queryOne(String sql, String parameter) throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Asks for a password reset of a signed-up account (its second mail) and returns the mailed link. */
    static String requestResetLink(WebSession session, String email) {
        session.submit("/password/forgot", "/password/forgot", Map.of("email", email));
        return mail().awaitMail(email, 2, MAIL_WAIT).link("/password/reset").orElseThrow();
    }

    static String tokenOf(String link) {
        return URI.create(link).getRawQuery().substring("token=".length());
    }

    static String linkPath(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private String storedResetHash(String email) throws SQLException {
        return queryOne("select t.token_hash from web.account_token t "
                + "join web.account a on a.id = t.account_id where a.email = ? and t.purpose = 'reset'", email);
    }

    private void execute(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
