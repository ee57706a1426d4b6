package io.phishfence.web;

import static io.phishfence.web.AlertDeliveryTest.publish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertResolved;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.web.AlertDeliveryTest.TestTenant;
import io.phishfence.web.WebhookReceiver.Reply;
import io.phishfence.web.alert.webhook.Webhooks;
import io.phishfence.web.secret.SecretBox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts in on Kafka, POSTs out to a real HTTPS server on loopback (the {@link WebhookReceiver}, whose test CA the
 * app trusts): Slack's JSON, once per alert, retried on 5xx and 429, failed for good on 404, internal addresses
 * refused, owners only, the URL never shown, returned or logged. "Only once" and "nothing else" are proven with a
 * sentinel alert: alerts of a domain are stored in order and due deliveries are sent in order, so once the
 * sentinel's POST is in, a POST the alerts before it caused would be in too.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
@QuarkusTestResource(WebhookReceiver.class)
class WebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "/settings/webhook";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Webhooks webhooks;

    /** Every log line of the app while a test runs (the URL must be in none). */
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            logged.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void anAlertIsPostedOnceAsSlackJsonAndTheUrlStaysSecret() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String secret = secret();
        String path = path(secret);
        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        assertEquals(303, owner.submit(PAGE, PAGE, Map.of("url", WebhookReceiver.url(secret), "enabled", "on",
                "severity", AlertRaised.WARNING)).statusCode());

        var spike = AlertDeliveryTest.spike(tenant, "2026-11-20", AlertRaised.WARNING);
        publish(spike);
        publish(spike);
        publish(AlertDeliveryTest.regression(tenant, "MTA_STS_POLICY_UNREACHABLE"));
        publish(AlertDeliveryTest.stopped(tenant));
        var posts = await().atMost(Duration.ofSeconds(60)).until(() -> WebhookReceiver.received(path),
                received -> received.stream().anyMatch(r -> r.body().contains("stopped")));
        assertEquals(2, posts.size(), "the spike once (its replay is the same alert), the critical regression not "
                + "(only warnings were chosen), the sentinel: " + posts);

        var spikePost = posts.get(0);
        assertTrue(spikePost.contentType().startsWith("application/json"), spikePost.contentType());
        JsonNode body = JSON.readTree(spikePost.body());
        String title = "TLS failures spiked for " + tenant.domain() + " on 2026-11-20";
        assertEquals("[PhishFence] " + title + " (warning)", body.get("text").asText());
        var blocks = body.get("blocks");
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals(title, blocks.get(0).get("text").get("text").asText());
        String sections = blocks.toString();
        assertTrue(sections.contains("*WARNING* · 200 of 1,000 (20.0%) TLS sessions failed."), sections);
        assertTrue(sections.contains("• Senders with failures: &lt;b&gt;Evil &amp; Co&lt;/b&gt;: 180"),
                "a sender's text is escaped for mrkdwn: " + sections);
        assertTrue(sections.contains("*What to do*\\nCheck that every MX host"), sections);
        assertTrue(sections.contains("<http://localhost:8080/domains/" + tenant.domain() + "|Open " + tenant.domain()
                + " in PhishFence>"), sections);

        String settings = owner.get(PAGE).asString();
        assertTrue(settings.contains("<code id=\"masked-url\">localhost/…" + secret.substring(secret.length() - 4)
                + "</code>"), settings);
        String history = owner.get("/alerts?domain=" + tenant.domain()).asString();
        assertTrue(history.contains("webhook: sent"), history);
        String token = owner.createApiToken("webhook test");
        String api = given().header("Authorization", "Bearer " + token).get("/api/v1/alerts?domain=" + tenant.domain())
                .then().statusCode(200).extract().asString();
        JsonNode alerts = JSON.readTree(api);
        assertEquals("sent", alerts.get(alerts.size() - 1).get("webhook").get("status").asText(), api);
        assertEquals(200, alerts.get(alerts.size() - 1).get("webhook").get("httpStatus").asInt(), api);

        var tested = owner.submit(PAGE, PAGE + "/test", Map.of());
        assertEquals(200, tested.statusCode());
        assertTrue(tested.asString().contains("The test message was delivered (HTTP 200)."), tested.asString());
        assertTrue(WebhookReceiver.received(path).get(2).body().contains("PhishFence test message"));

        String stored = storedUrl(tenant);
        assertTrue(stored.startsWith("pf1:") && !stored.contains(secret) && !stored.contains("localhost"),
                "the database holds the URL sealed (ADR 0018): " + stored);
        for (String shown : List.of(settings, history, api, tested.asString())) {
            assertFalse(shown.contains(secret), "the URL's secret is never shown or returned: " + shown);
        }
        assertTrue(logged.stream().noneMatch(line -> line.contains(secret)), "never logged: " + logged);
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetriedThenDeliveredOnce() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String secret = secret();
        String path = path(secret);
        WebhookReceiver.script(path, new Reply(429, Map.of("Retry-After", "1"), "rate_limited"), Reply.of(500),
                Reply.of(200));
        saveWebhook(tenant, secret, AlertRaised.CRITICAL);

        publish(AlertDeliveryTest.regression(tenant, "MTA_STS_POLICY_UNREACHABLE"));
        var delivery = await().atMost(Duration.ofSeconds(180)).until(() -> delivery(tenant),
                row -> row != null && row.get(0).equals("sent"));
        assertEquals(List.of("sent", 200, "HTTP 500"), List.of(delivery.get(0), delivery.get(2), delivery.get(3)),
                delivery.toString());
        var answers = WebhookReceiver.received(path).stream().map(WebhookReceiver.Received::answered).toList();
        assertEquals(List.of(429, 500, 200), answers, "retried after each refusal, delivered once");
        int attempts = (Integer) delivery.get(1);
        assertTrue(attempts >= 3, "at least the three answered attempts: " + delivery);
        String history = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD).get("/alerts").asString();
        assertTrue(history.contains("webhook: sent")
                && history.contains(attempts + " attempts; last error: HTTP 500"), history);
        assertTrue(logged.stream().anyMatch(line -> line.contains("webhook delivery")
                && line.contains("localhost/…" + secret.substring(secret.length() - 4)) && line.contains("HTTP 500")),
                "the failed attempts are logged (so the capture works), with the masked URL: " + logged);
        assertTrue(logged.stream().noneMatch(line -> line.contains(secret)), "never logged: " + logged);
    }

    @Test
    void aNotFoundIsAFailureForGoodAndTheResolvedNoticeIsNotPosted() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String secret = secret();
        String path = path(secret);
        WebhookReceiver.script(path, new Reply(404, Map.of(), "no_service"));
        saveWebhook(tenant, secret, AlertRaised.CRITICAL);

        var raised = AlertDeliveryTest.regression(tenant, "MTA_STS_POLICY_UNREACHABLE");
        publish(raised);
        var delivery = await().atMost(Duration.ofSeconds(60)).until(() -> delivery(tenant),
                row -> row != null && !row.get(0).equals("pending"));
        assertEquals(List.of("failed", 1, 404, "HTTP 404: no_service"), delivery, "not retried");
        String history = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD).get("/alerts").asString();
        assertTrue(history.contains("webhook: failed") && history.contains("last error: HTTP 404: no_service"), history);
        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        JsonNode api = JSON.readTree(given().header("Authorization", "Bearer " + owner.createApiToken("t"))
                .get("/api/v1/alerts").then().statusCode(200).extract().asString());
        assertEquals(404, api.get(0).get("webhook").get("httpStatus").asInt(), api.toString());

        publish(AlertResolved.of(tenant.id(), tenant.domain(), raised.alertId(), raised.rule(), raised.subject(),
                Instant.now(), "Recovered", "The check no longer finds it."));
        // The sentinel: another rule (a second regression would be within the cooldown), critical like the webhook.
        publish(AlertDeliveryTest.spike(tenant, "2026-11-21", AlertRaised.CRITICAL));
        await().atMost(Duration.ofSeconds(60)).until(() -> WebhookReceiver.received(path).size() >= 2);
        var posts = WebhookReceiver.received(path);
        assertEquals(2, posts.size(), posts.toString());
        assertTrue(posts.get(1).body().contains("TLS failures spiked"),
                "a resolved notice follows only an alert that was posted: " + posts);
    }

    @Test
    void internalAndUnsafeUrlsAreRefused() {
        var owner = WebSession.signedUp(WebAppTest.uniqueEmail(), WebAppTest.PASSWORD);
        Map<String, String> refused = Map.of(
                "https://[::1]:" + WebhookReceiver.port() + "/hook", "internal address",
                "https://10.1.2.3/hook", "internal address",
                "https://169.254.169.254/latest/meta-data", "internal address",
                "http://localhost:" + WebhookReceiver.port() + "/hook", "must start with https://",
                "https://user:pass@localhost:" + WebhookReceiver.port() + "/hook", "user name or password");
        refused.forEach((url, reason) -> {
            var response = owner.submit(PAGE, PAGE, Map.of("url", url, "enabled", "on", "severity", "warning"));
            assertEquals(400, response.statusCode(), url);
            assertTrue(response.asString().contains(reason), url + ": " + response.asString());
        });
        assertTrue(owner.get(PAGE).asString().contains("No webhook is set up."));
    }

    @Test
    void onlyOwnersChangeTheWebhookAndOtherTenantsSeeNone() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String secret = secret();
        saveWebhook(tenant, secret, AlertRaised.WARNING);

        var member = WebSession.signedIn(tenant.member(), WebAppTest.PASSWORD);
        String shown = member.get(PAGE).asString();
        assertTrue(shown.contains("Only an owner sets up, tests or removes the webhook."), shown);
        assertTrue(shown.contains("masked-url") && !shown.contains(secret), shown);
        assertFalse(shown.contains("action=\"/settings/webhook/test\""), "no buttons for members");
        assertEquals(403, member.submit(PAGE, PAGE, Map.of("url", WebhookReceiver.url(secret()), "enabled", "on",
                "severity", "warning")).statusCode());
        assertEquals(403, member.submit(PAGE, PAGE + "/test", Map.of()).statusCode());
        assertEquals(403, member.submit(PAGE, PAGE + "/remove", Map.of()).statusCode());
        assertTrue(member.get(PAGE).asString().contains(secret.substring(secret.length() - 4)), "unchanged");

        var stranger = WebSession.signedUp(WebAppTest.uniqueEmail(), WebAppTest.PASSWORD);
        String theirs = stranger.get(PAGE).asString();
        assertTrue(theirs.contains("No webhook is set up.") && !theirs.contains("masked-url"), theirs);

        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        assertEquals(303, owner.submit(PAGE, PAGE + "/remove", Map.of()).statusCode());
        assertTrue(owner.get(PAGE).asString().contains("No webhook is set up."));
    }

    @Test
    void formsWithoutACsrfTokenAreRefused() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        saveWebhook(tenant, secret(), AlertRaised.WARNING);
        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        String noForm = "/q/health/live";
        assertFalse(owner.get(noForm).asString().contains("csrf-token"), "a page without a form");
        assertEquals(400, owner.submit(noForm, PAGE + "/remove", Map.of()).statusCode(), "no CSRF token");
        assertTrue(owner.get(PAGE).asString().contains("masked-url"), "still there");
    }

    @Test
    void aUrlThisServerCannotOpenWaitsAndIsPostedOnceItCanAgain() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String secret = secret();
        saveWebhook(tenant, secret, AlertRaised.CRITICAL);
        String sealed = storedUrl(tenant);
        // As if the key were dropped from the configuration: a value sealed under a key this server lacks.
        String otherKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        setStoredUrl(tenant, SecretBox.of(Optional.of(otherKey), List.of())
                .seal(WebhookReceiver.url(secret), "alert_webhook.url/" + tenant.id()));

        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        assertTrue(owner.get(PAGE).asString().contains("unreadable with this server"), "the page says so");
        assertEquals(409, owner.submit(PAGE, PAGE + "/test", Map.of()).statusCode(), "no test POST without the URL");
        publish(AlertDeliveryTest.regression(tenant, "MTA_STS_POLICY_UNREACHABLE"));
        var waiting = await().atMost(Duration.ofSeconds(60)).until(() -> delivery(tenant),
                row -> row != null && row.get(3) != null && (Integer) row.get(1) >= 2);
        assertEquals("pending", waiting.get(0), "waits, neither cancelled nor failed for good: " + waiting);
        assertTrue(((String) waiting.get(3)).contains("cannot be read"), waiting.toString());
        assertTrue(WebhookReceiver.received(path(secret)).isEmpty());

        // The key is back (here: the value sealed under it): the waiting alert goes out.
        setStoredUrl(tenant, sealed);
        await().atMost(Duration.ofSeconds(120)).until(() -> delivery(tenant), row -> "sent".equals(row.get(0)));
        assertEquals(1, WebhookReceiver.received(path(secret)).size());
    }

    @Test
    void aUrlStoredBeforeEncryptionIsSealedAtStartUpAndStillWorks() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String secret = secret();
        saveWebhook(tenant, secret, AlertRaised.CRITICAL);
        setStoredUrl(tenant, WebhookReceiver.url(secret));

        assertTrue(webhooks.sealStoredUrls() >= 1);
        String resealed = storedUrl(tenant);
        assertTrue(resealed.startsWith("pf1:") && !resealed.contains(secret), resealed);
        assertEquals(0, webhooks.sealStoredUrls(), "nothing left to seal");
        var tested = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD).submit(PAGE, PAGE + "/test", Map.of());
        assertTrue(tested.asString().contains("The test message was delivered (HTTP 200)."), tested.asString());
    }

    @Test
    void theApiSetsShowsTestsAndRemovesTheWebhookWithoutEverReturningTheUrl() throws Exception {
        var tenant = AlertDeliveryTest.tenantWithTwoMembers(dataSource, "owner", "member");
        String ownerToken = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD).createApiToken("webhook api");
        String memberToken = WebSession.signedIn(tenant.member(), WebAppTest.PASSWORD).createApiToken("member api");
        String secret = secret();
        String api = "/api/v1/webhook";

        given().auth().oauth2(ownerToken).get(api).then().statusCode(404);
        given().auth().oauth2(ownerToken).contentType("application/json")
                .body(Map.of("url", "http://insecure.example/x", "severities", List.of("warning")))
                .put(api).then().statusCode(400).body(org.hamcrest.Matchers.containsString("https://"));
        given().auth().oauth2(ownerToken).contentType("application/json")
                .body(Map.of("url", WebhookReceiver.url(secret), "severities", List.of()))
                .put(api).then().statusCode(400).body(org.hamcrest.Matchers.containsString("at least one severity"));
        given().auth().oauth2(memberToken).contentType("application/json")
                .body(Map.of("url", WebhookReceiver.url(secret), "severities", List.of("warning"))).put(api)
                .then().statusCode(403);

        String set = given().auth().oauth2(ownerToken).contentType("application/json")
                .body(Map.of("url", WebhookReceiver.url(secret), "severities", List.of("critical", "warning")))
                .put(api).then().statusCode(200).extract().asString();
        JsonNode view = JSON.readTree(set);
        assertEquals("localhost/…" + secret.substring(secret.length() - 4), view.get("maskedUrl").asText(), set);
        assertTrue(view.get("enabled").asBoolean(), set);
        assertEquals("[\"warning\",\"critical\"]", view.get("severities").toString(), set);

        // Without a url the stored one stays; the member reads the same masked view.
        given().auth().oauth2(ownerToken).contentType("application/json")
                .body(Map.of("enabled", false, "severities", List.of("critical"))).put(api).then().statusCode(200);
        String read = given().auth().oauth2(memberToken).get(api).then().statusCode(200).extract().asString();
        assertFalse(JSON.readTree(read).get("enabled").asBoolean(), read);
        assertEquals(view.get("maskedUrl"), JSON.readTree(read).get("maskedUrl"), read);

        // (As the API's other POSTs: with a JSON content type, which the CSRF filter lets through on /api.)
        given().auth().oauth2(memberToken).contentType("application/json").post(api + "/test").then().statusCode(403);
        String tested = given().auth().oauth2(ownerToken).contentType("application/json").post(api + "/test")
                .then().statusCode(200).extract().asString();
        assertTrue(JSON.readTree(tested).get("delivered").asBoolean(), tested);
        assertEquals(200, JSON.readTree(tested).get("httpStatus").asInt(), tested);
        assertTrue(WebhookReceiver.received(path(secret)).get(0).body().contains("PhishFence test message"));

        for (String shown : List.of(set, read, tested)) {
            assertFalse(shown.contains(secret), "the URL's secret is never returned: " + shown);
        }
        given().auth().oauth2(memberToken).delete(api).then().statusCode(403);
        given().auth().oauth2(ownerToken).delete(api).then().statusCode(204);
        given().auth().oauth2(ownerToken).delete(api).then().statusCode(404);
        given().auth().oauth2(ownerToken).contentType("application/json").post(api + "/test").then().statusCode(404);
    }

    private String storedUrl(TestTenant tenant) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "select url from alert_webhook where tenant_id = ?")) {
            statement.setString(1, tenant.id());
            try (var row = statement.executeQuery()) {
                assertTrue(row.next(), "a stored webhook");
                return row.getString(1);
            }
        }
    }

    private void setStoredUrl(TestTenant tenant, String url) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "update alert_webhook set url = ? where tenant_id = ?")) {
            statement.setString(1, url);
            statement.setString(2, tenant.id());
            assertEquals(1, statement.executeUpdate());
        }
    }

    private void saveWebhook(TestTenant tenant, String secret, String severity) {
        var owner = WebSession.signedIn(tenant.owner(), WebAppTest.PASSWORD);
        assertEquals(303, owner.submit(PAGE, PAGE, Map.of("url", WebhookReceiver.url(secret), "enabled", "on",
                "severity", severity)).statusCode());
    }

    /** Status, attempts, last HTTP status and last error of the tenant's only webhook delivery, or null. */
    private List<Object> delivery(TestTenant tenant) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "select status, attempts, last_status, last_error from alert_webhook_delivery where tenant_id = ?")) {
            statement.setString(1, tenant.id());
            try (var row = statement.executeQuery()) {
                return row.next() ? java.util.Arrays.asList(row.getString(1), row.getInt(2), row.getInt(3),
                        row.getString(4)) : null;
            }
        }
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String path(String secret) {
        return URI.create(WebhookReceiver.url(secret)).getPath();
    }
}
