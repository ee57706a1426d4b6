package io.phishfence.web.mail;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The app's {@link SmtpMailer} holds a thread for the whole SMTP conversation: never one of Vert.x's event loops. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class SmtpMailerEventLoopTest {

    @Inject
    SmtpMailer mailer;

    @Inject
    Vertx vertx;

    @Test
    void refusesToSendFromAnEventLoop() {
        String to = "event-loop@example.test";
        var outcome = new CompletableFuture<Throwable>();
        vertx.runOnContext(ignored -> {
            try {
                mailer.send(new OutgoingMail(to, "From an event loop", "t", "<p>h</p>"));
                outcome.complete(null);
            } catch (Exception | Error e) {
                outcome.complete(e);
            }
        });
        assertInstanceOf(IllegalStateException.class, outcome.join());
        assertTrue(MailResource.server().to(to).isEmpty(), "nothing reached the server");
    }
}
