package io.phishfence.testing;

import io.phishfence.devstack.FreePort;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server on a free loopback port that keeps every message it receives, so a test can read the
 * mail that an application sent over the wire (sign-up verification, password reset, invitations, alerts).
 * It greets a connection as soon as it accepts it, as a relay on the same host or network does. The first message
 * for any address whose local part starts with {@code flaky} is answered 451, so that a test can watch a send fail
 * and be retried.
 */
public final class TestMailServer implements AutoCloseable {

    /**
     * One received message: the envelope, the header fields (lower-case name to the first field's unfolded value) and
     * the decoded text parts.
     */
    public record Mail(String from, List<String> recipients, String subject, String text, String html,
            Map<String, String> headers) {

        /** The first {@code http(s)} link in the text part that contains {@code pathPart}. */
        public Optional<String> link(String pathPart) {
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                if (m.group().contains(pathPart)) {
                    return Optional.of(m.group());
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    /**
     * How long the server waits for a silent client before it ends the session with a 421 (a relay's idle time-out;
     * Postfix waits 300 s, SubEthaSMTP 60 s by default). A client's read time-out below it ends a stuck conversation on
     * the client's side first.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final SMTPServer server;
    private final List<Mail> received = new CopyOnWriteArrayList<>();
    private final Set<String> rejectedOnce = ConcurrentHashMap.newKeySet();

    private TestMailServer(int port) {
        server = SMTPServer.port(port)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("mail.test")
                .connectionTimeout((int) IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .messageHandler((context, from, recipient, data) -> {
                    String address = recipient.toLowerCase(Locale.ROOT);
                    if (address.startsWith("flaky") && rejectedOnce.add(address)) {
                        throw new RejectException(451, "4.3.0 try again later");
                    }
                    received.add(parse(from, recipient, data));
                })
                .build();
        server.start();
    }

    /** Starts a server on a free loopback port. */
    public static TestMailServer start() {
        return new TestMailServer(FreePort.find());
    }

    public int port() {
        return server.getPortAllocated();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** Every message received so far, oldest first. */
    public List<Mail> received() {
        return List.copyOf(received);
    }

    /** The messages received for {@code address} (case-insensitive), oldest first. */
    public List<Mail> to(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        return received.stream().filter(m -> m.recipients().contains(wanted)).toList();
    }

    /**
     * Waits until {@code count} messages for {@code address} have arrived (mail is sent after the request
     * that caused it has answered) and returns the latest.
     */
    public Mail awaitMail(String address, int count, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (to(address).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " mail(s) to " + address + ", got " + to(address).size());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        var mails = to(address);
        return mails.get(mails.size() - 1);
    }

    @Override
    public void close() {
        server.stop();
    }

    static Mail parse(String from, String recipient, byte[] raw) {
        try {
            Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(raw));
            var parts = new ArrayList<Entity>();
            collect(message, parts);
            var headers = new LinkedHashMap<String, String>();
            message.getHeader().getFields().forEach(field ->
                    headers.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getBody()));
            return new Mail(from, List.of(recipient.toLowerCase(Locale.ROOT)), message.getSubject(),
                    textOf(parts, "text/plain"), textOf(parts, "text/html"), Map.copyOf(headers));
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

    private static String textOf(List<Entity> parts, String mimeType) throws IOException {
        for (Entity part : parts) {
            if (mimeType.equalsIgnoreCase(part.getMimeType()) && part.getBody() instanceof TextBody body) {
                String charset = body.getMimeCharset() == null ? "UTF-8" : body.getMimeCharset();
                try (var in = body.getInputStream()) {
                    // Lines as a test writes them: \n, whatever the wire carried.
                    return new String(in.readAllBytes(), java.nio.charset.Charset.forName(charset)).replace("\r\n", "\n");
                }
            }
        }
        return "";
    }
}
