package io.phishfence.web.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.testing.TestMailServer;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SmtpMailer} against a real SMTP server on loopback ({@link TestMailServer}), configured as in production. */
class SmtpMailerTest {

    /**
     * Well below the test server's idle time-out, so a greeting the client missed would fail the send rather than stall
     * it until the server gives up; long enough for a busy machine's slowest reply (the first message's, after DATA).
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    static TestMailServer server;

    @BeforeAll
    static void start() {
        server = TestMailServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aServerThatGreetsAtOnceGetsEveryMailOnFreshConnections() throws Exception {
        // The Vert.x mail client (quarkus-mailer) missed such a greeting now and then, and waited for it until the
        // server's idle time-out: with a read time-out below that, a missed greeting fails a send here.
        assertTrue(READ_TIMEOUT.compareTo(TestMailServer.IDLE_TIMEOUT) < 0, "the setup this test relies on");
        var mailer = mailer(Map.of());
        String to = "greeted-at-once@example.test";
        int mails = 40;
        for (int i = 1; i <= mails; i++) {
            mailer.send(new OutgoingMail(to, "Mail " + i, "text " + i, "<p>html " + i + "</p>"));
        }
        assertEquals(mails, server.to(to).size(), "each send returns once the server has the mail");
    }

    @Test
    void aMailCarriesSenderRecipientSubjectAndBothAlternativesInUtf8() throws Exception {
        String to = "alternatives@example.test";
        mailer(Map.of("phishfence.web.mail.from", "PhishFence Ålerts <alerts@phishfence.example>"))
                .send(new OutgoingMail(to, "Prüfung: TLS für müller.example", "Grüße\nLink: https://x.test/a?b=c",
                        "<p>Grüße &amp; <a href=\"https://x.test/a?b=c\">Link</a></p>"));

        var mail = server.awaitMail(to, 1, Duration.ofSeconds(10));
        assertEquals("alerts@phishfence.example", mail.from(), "envelope sender");
        assertEquals("Prüfung: TLS für müller.example", mail.subject());
        assertEquals("Grüße\nLink: https://x.test/a?b=c", mail.text().strip());
        assertEquals("<p>Grüße &amp; <a href=\"https://x.test/a?b=c\">Link</a></p>", mail.html().strip());
        assertEquals(to, mail.headers().get("to"));
        assertTrue(mail.headers().get("from").endsWith("<alerts@phishfence.example>"), mail.headers().toString());
        assertTrue(mail.headers().get("content-type").startsWith("multipart/alternative"), mail.headers().toString());
        assertTrue(mail.headers().get("message-id").endsWith("@phishfence.example>"), mail.headers().toString());
        assertTrue(mail.headers().containsKey("date"), mail.headers().toString());
    }

    @Test
    void aRefusedMailFailsWithTheServersReply() {
        var mailer = mailer(Map.of());
        var refused = assertThrows(MailSendException.class,
                () -> mailer.send(new OutgoingMail("flaky-once@example.test", "Refused", "t", "<p>h</p>")));
        assertTrue(refused.getMessage().contains("451 4.3.0 try again later"), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
    }

    @Test
    void aServerThatNeverGreetsFailsTheSendAtTheReadTimeout() throws Exception {
        var testOver = new CountDownLatch(1);
        try (var silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var accepting = new Thread(() -> holdOpen(silent, testOver), "silent-smtp-server");
            accepting.setDaemon(true);
            accepting.start();
            var mailer = mailer(Map.of("phishfence.web.mail.port", Integer.toString(silent.getLocalPort()),
                    "phishfence.web.mail.read-timeout", "200ms"));
            var stuck = assertThrows(MailSendException.class,
                    () -> mailer.send(new OutgoingMail("nobody@example.test", "Never", "t", "<p>h</p>")));
            assertInstanceOf(SocketTimeoutException.class, rootCause(stuck), stuck.toString());
        } finally {
            testOver.countDown();
        }
    }

    @Test
    void anUnreachableServerFailsTheSend() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var mailer = mailer(Map.of("phishfence.web.mail.port", Integer.toString(closedPort)));
        var refused = assertThrows(MailSendException.class,
                () -> mailer.send(new OutgoingMail("nobody@example.test", "Never", "t", "<p>h</p>")));
        assertTrue(refused.getMessage().contains("ConnectException"), refused.getMessage());
    }

    /**
     * Accepts one connection and says nothing until the test is over, as a server that hangs before its greeting.
     * Closing the server socket ends a wait for a connection that never came.
     */
    private static void holdOpen(ServerSocket server, CountDownLatch testOver) {
        try (Socket ignored = server.accept()) {
            testOver.await();
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** A mailer pointed at the test server as {@code MailResource} points the app, with {@code overrides}. */
    static SmtpMailer mailer(Map<String, String> overrides) {
        var properties = new HashMap<String, String>(Map.of(
                "phishfence.web.mail.host", server.host(),
                "phishfence.web.mail.port", Integer.toString(server.port()),
                "phishfence.web.mail.start-tls", "DISABLED",
                "phishfence.web.mail.read-timeout", READ_TIMEOUT.toMillis() + "ms"));
        properties.putAll(overrides);
        var config = new SmallRyeConfigBuilder()
                .withMapping(MailConfig.class)
                // Durations as Quarkus reads them ("30s", "200ms").
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(MailConfig.class);
        return new SmtpMailer(config);
    }
}
