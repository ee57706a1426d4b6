package io.phishfence.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.phishfence.web.account.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tenant B, logged in and holding an API token, walks every route of the app (read from the JAX-RS
 * resources, so a new endpoint is swept as soon as it exists) with tenant A's domain, report, token, member and
 * invitation ids: nothing of A's is readable, and nothing of A's changes. Then a member of A walks every
 * owner-only route with A's ids, by session and by token: each refuses with 403.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class TenantIsolationTest {

    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    /** What a refusal looks like: a log-in redirect, or 400/401/403/404/405. */
    private static final Set<Integer> REFUSED = Set.of(302, 303, 400, 401, 403, 404, 405);

    @Inject
    AgroalDataSource dataSource;

    /**
     * Path parameters of public pages, with a value each: guides are the same for everyone, and a public check's
     * result is anyone's who has its address (ADR 0010).
     */
    static final Map<String, String> PUBLIC_PARAMETERS = Map.of("slug", "tls-rpt", "checkId", "no-such-check");

    /** @param ownerOnly whether only an owner may use it ({@code @RolesAllowed("owner")}) */
    record Route(String method, String path, boolean ownerOnly) {
        boolean isApi() {
            return path.startsWith("/api/");
        }

        /** Whether a path parameter names something of a tenant's (public pages' parameters name public content). */
        boolean namesAnId() {
            return path.contains("{") && !PUBLIC_PARAMETERS.keySet().stream().anyMatch(p -> path.contains("{" + p + "}"));
        }
    }

    @Test
    void tenantBCanNeitherReadNorChangeAnythingOfTenantA() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var alice = WebSession.signedUp("iso-a-" + tag + "@example.org", WebAppTest.PASSWORD);
        String aliceDomain = "iso-a-" + tag + ".example";
        alice.submit("/domains", "/domains", Map.of("name", aliceDomain));
        String aliceToken = alice.createApiToken("alice-token-" + tag);
        String aliceTenant = TestData.tenantOf(alice, dataSource);
        String aliceOrg = "Alice Sender " + tag;
        TestData.publishReports(TestData.report(aliceTenant, aliceDomain, aliceOrg, "alice-report-" + tag,
                LocalDate.now(ZoneOffset.UTC).minusDays(1), 100,
                TestData.failure("certificate-expired", "mx.alice-" + tag + ".example", "198.51.100.7", 3, null)));
        String aliceReport = TestData.awaitStored(dataSource, "alice-report-" + tag);
        String aliceTokenId = queryOne("select id::text from web.api_token where tenant_id = ?", aliceTenant);
        String aliceId = queryOne("select id::text from web.account where tenant_id = ?", aliceTenant);
        String mallory = "iso-member-" + tag + "@example.org";
        var malloryMember = WebSession.joined(alice, mallory, WebAppTest.PASSWORD);
        String malloryToken = malloryMember.createApiToken("mallory-token-" + tag);
        String pending = "iso-pending-" + tag + "@example.org";
        alice.submit("/team", "/team/invitations", Map.of("email", pending));
        String aliceInvitation = queryOne("select id::text from web.invitation where email = ?", pending);

        var bob = WebSession.signedUp("iso-b-" + tag + "@example.org", WebAppTest.PASSWORD);
        bob.submit("/domains", "/domains", Map.of("name", "iso-b-" + tag + ".example"));
        String bobToken = bob.createApiToken("bob-token");

        var ids = new java.util.HashMap<>(PUBLIC_PARAMETERS);
        ids.putAll(Map.of("name", aliceDomain, "id", aliceReport));
        // What {id} names depends on where it is.
        Map<String, Map<String, String>> idsUnder = Map.of("/settings/tokens", Map.of("id", aliceTokenId),
                "/team/members", Map.of("id", aliceId), "/team/invitations", Map.of("id", aliceInvitation));
        List<String> secrets = List.of(aliceDomain, aliceOrg, "alice-report-" + tag, aliceReport, aliceToken,
                aliceToken.substring(0, 9), "alice-token-" + tag, "198.51.100.7", mallory, pending, aliceId);

        List<Route> routes = routes();
        assertTrue(routes.size() >= 20, "the sweep found the app's routes: " + routes);
        assertTrue(routes.contains(new Route("GET", "/api/v1/domains/{name}/summary", false)), routes.toString());
        assertTrue(routes.contains(new Route("DELETE", "/api/v1/domains/{name}", true)), routes.toString());
        for (Route route : routes) {
            String path = fill(route, ids, idsUnder);
            // Tenant A's own credentials reach the same GET: the ids are real, so a refusal to B means isolation.
            if (route.namesAnId() && route.method().equals("GET")) {
                int own = send(route, path, alice, aliceToken).statusCode();
                assertTrue(own == 200, "tenant A reads " + route + " itself, got " + own);
            }
            for (boolean withToken : List.of(true, false)) {
                Response response = withToken ? send(route, path, null, bobToken) : send(route, path, bob, null);
                String body = response.asString();
                for (String secret : secrets) {
                    // An answer may repeat what B asked for (the path), never anything else of A's.
                    assertFalse(!path.contains(secret) && body.contains(secret), route + (withToken ? " with B's token" : " with B's session")
                            + " shows A's " + secret);
                }
                if (route.namesAnId()) {
                    assertTrue(REFUSED.contains(response.statusCode()), route + " answered B with "
                            + response.statusCode());
                }
            }
        }

        // A's member may use none of the owner-only routes, with A's own ids, by session or by token.
        List<Route> ownerOnly = routes.stream().filter(Route::ownerOnly).toList();
        assertTrue(ownerOnly.size() >= 6, "owner-only routes found: " + ownerOnly);
        for (Route route : ownerOnly) {
            int status = send(route, fill(route, ids, idsUnder), malloryMember, malloryToken).statusCode();
            assertEquals(403, status, route + " answered A's member with " + status);
        }
        assertEquals("owner", queryOne("select role from web.account where id::text = ?", aliceId));
        assertEquals("member", queryOne("select role from web.account where email = ?", mallory));
        assertEquals(null, queryOne("select revoked_at::text from web.invitation where id::text = ?", aliceInvitation));

        // Nothing of A's changed: the domain, the report, the token are all still there and still work.
        given().header("Authorization", "Bearer " + aliceToken).get("/api/v1/domains/" + aliceDomain + "/reports")
                .then().statusCode(200).body("reportId", org.hamcrest.Matchers.hasItem("alice-report-" + tag));
        assertEquals(200, alice.get("/domains/" + aliceDomain).statusCode());
        given().header("Authorization", "Bearer " + aliceToken).get("/api/v1/tenant").then().statusCode(200);
    }

    /** Every resource method of the web app, from the compiled JAX-RS resources; log-out last. */
    static List<Route> routes() throws IOException {
        var root = java.nio.file.Path.of("target/classes");
        var routes = new ArrayList<Route>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("io/phishfence/web"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, TenantIsolationTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = httpMethod(method);
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        routes.add(new Route(verb, join(base.value(), sub == null ? "" : sub.value()),
                                isOwnerOnly(type, method)));
                    }
                }
            }
        }
        routes.sort(Comparator.comparing((Route r) -> r.path().equals("/logout")).thenComparing(Route::path)
                .thenComparing(Route::method));
        return routes;
    }

    private static boolean isOwnerOnly(Class<?> type, Method method) {
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : type.getAnnotation(RolesAllowed.class);
        return roles != null && List.of(roles.value()).equals(List.of(Roles.OWNER));
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The route's path with tenant A's ids: {@code ids}, or those of {@code idsUnder} the path's start. */
    private static String fill(Route route, Map<String, String> ids, Map<String, Map<String, String>> idsUnder) {
        return fill(route.path(), idsUnder.entrySet().stream().filter(e -> route.path().startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(ids));
    }

    private static String fill(String path, Map<String, String> values) {
        Matcher param = PARAM.matcher(path);
        var filled = new StringBuilder();
        while (param.find()) {
            String value = values.get(param.group(1));
            if (value == null) {
                throw new AssertionError("no tenant-A value for {" + param.group(1) + "} in " + path
                        + ": teach this sweep what it names");
            }
            param.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return param.appendTail(filled).toString();
    }

    /** A request as B (or A) would make it: the token on the API, the session (with a CSRF token) elsewhere. */
    private static Response send(Route route, String path, WebSession session, String token) {
        if (token != null && (session == null || route.isApi())) {
            var request = given().redirects().follow(false).header("Authorization", "Bearer " + token);
            return route.method().equals("GET") ? request.get(path)
                    : request.contentType("application/json").body("{\"name\": \"sweep.example\"}")
                            .request(route.method(), path);
        }
        if (route.method().equals("GET")) {
            return session.get(path);
        }
        return session.send(route.method(), "/domains", path, Map.of("name", "sweep.example", "role", "member"));
    }

    /** The first column of the first row, or null. */
    private String queryOne(String sql, String parameter) throws Exception {
        try (var c = dataSource.getConnection(); var st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
