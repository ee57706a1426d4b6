package io.phishfence.web;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server on a free loopback port for the web app's mailer (SubEthaSMTP): keeps every message it
 * accepts, parsed, and answers 451 to the first message for any address whose local part starts with
 * {@code flaky}, so tests can watch a send fail and be retried.
 */
public class SmtpSink implements QuarkusTestResourceLifecycleManager {

    /** One received e-mail, decoded. */
    public record Mail(String to, String subject, String text, String html) {
    }

    private static final List<Mail> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Set<String> REJECTED_ONCE = ConcurrentHashMap.newKeySet();
    private SMTPServer server;

    @Override
    public Map<String, String> start() {
        server = SMTPServer.port(0).bindAddress(java.net.InetAddress.getLoopbackAddress())
                .messageHandler((context, from, to, data) -> {
                    String recipient = to.toLowerCase(Locale.ROOT);
                    if (recipient.startsWith("flaky") && REJECTED_ONCE.add(recipient)) {
                        throw new RejectException(451, "4.3.0 try again later");
                    }
                    RECEIVED.add(parse(recipient, data));
                }).build();
        server.start();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(server.getPortAllocated()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.tls", "false");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Every mail received so far that {@code wanted} accepts. */
    public static List<Mail> received(Predicate<Mail> wanted) {
        return RECEIVED.stream().filter(wanted).toList();
    }

    /** Waits (up to a minute) until {@code count} mails that {@code wanted} accepts have arrived; returns them. */
    public static List<Mail> await(Predicate<Mail> wanted, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var mails = received(wanted);
            if (mails.size() >= count) {
                return mails;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + count + " mails, got " + received(wanted));
    }

    private static Mail parse(String to, byte[] data) {
        try {
            var message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(data));
            var parts = new ArrayList<Entity>();
            collect(message, parts);
            String text = null;
            String html = null;
            for (var part : parts) {
                if ("text/plain".equals(part.getMimeType())) {
                    text = read(part);
                } else if ("text/html".equals(part.getMimeType())) {
                    html = read(part);
                }
            }
            return new Mail(to, message.getSubject(), text, html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Entity entity, List<Entity> leaves) {
        if (entity.getBody() instanceof Multipart multipart) {
            multipart.getBodyParts().forEach(part -> collect(part, leaves));
        } else {
            leaves.add(entity);
        }
    }

    private static String read(Entity part) throws IOException {
        try (Reader reader = ((TextBody) part.getBody()).getReader()) {
            var out = new StringWriter();
            reader.transferTo(out);
            return out.toString().replace("\r\n", "\n");
        }
    }
}
