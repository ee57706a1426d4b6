package io.phishfence.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A {@link TestMailServer} for a Quarkus test, with the web app's mail pointed at it (really sending, not mocked). */
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
                "phishfence.web.mail.mock", "false",
                "phishfence.web.mail.host", server.host(),
                "phishfence.web.mail.port", Integer.toString(server.port()),
                "phishfence.web.mail.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
