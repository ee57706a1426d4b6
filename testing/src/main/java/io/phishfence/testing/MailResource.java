package io.phishfence.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A {@link TestMailServer} for a Quarkus test, with Quarkus Mailer pointed at it (really sending, not mocked). */
public class MailResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TestMailServer server;

    /** The running server, for tests to read the mail the application sent. */
    public static TestMailServer server() {
        if (server == null) {
            throw new IllegalStateException("MailResource has not started");
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = TestMailServer.start();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", server.host(),
                "quarkus.mailer.port", Integer.toString(server.port()),
                "quarkus.mailer.start-tls", "DISABLED",
                // A connection per mail: a pooled one could meet the test server's idle timeout.
                "quarkus.mailer.keep-alive", "false");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
