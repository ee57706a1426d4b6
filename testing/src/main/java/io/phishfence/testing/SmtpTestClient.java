package io.phishfence.testing;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP client speaking to a server over a real socket, one command at a time, so that tests can check
 * every reply code (RFC 5321), upgrade with STARTTLS (RFC 3207), and send a message byte for byte.
 */
public final class SmtpTestClient implements AutoCloseable {

    /** A server reply: its code and its text, lines joined with newlines. */
    public record Reply(int code, String text) {
        public boolean positive() {
            return code >= 200 && code < 400;
        }
    }

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final Reply greeting;

    public SmtpTestClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(60_000);
        attach();
        greeting = read();
    }

    public Reply greeting() {
        return greeting;
    }

    public Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    public Reply ehlo(String name) throws IOException {
        return command("EHLO " + name);
    }

    /** Sends STARTTLS and, when the server agrees, upgrades the connection with {@code context}. */
    public Reply startTls(SSLContext context) throws IOException {
        Reply reply = command("STARTTLS");
        if (reply.code() == 220) {
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            socket = tls;
            attach();
        }
        return reply;
    }

    /** DATA, then the message with dot-stuffing and the terminating dot; returns the final reply. */
    public Reply data(byte[] message) throws IOException {
        Reply ready = command("DATA");
        if (ready.code() != 354) {
            return ready;
        }
        out.write(dotStuffed(message));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    /** MAIL, RCPT (each), DATA in one go; returns the first negative reply, or the reply to the data. */
    public Reply send(String from, byte[] message, String... recipients) throws IOException {
        Reply reply = command("MAIL FROM:<" + from + ">");
        if (!reply.positive()) {
            return reply;
        }
        for (String recipient : recipients) {
            reply = command("RCPT TO:<" + recipient + ">");
            if (!reply.positive()) {
                return reply;
            }
        }
        return data(message);
    }

    private static byte[] dotStuffed(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1).replaceAll("\r?\n", "\r\n");
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        var stuffed = new ByteArrayOutputStream(message.length + 64);
        for (String line : text.split("\r\n", -1)) {
            if (line.startsWith(".")) {
                stuffed.write('.');
            }
            stuffed.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            stuffed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = stuffed.toByteArray();
        // split() leaves one empty element after the final CRLF: drop its extra CRLF.
        return java.util.Arrays.copyOf(bytes, bytes.length - 2);
    }

    private void attach() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    private Reply read() throws IOException {
        var text = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by the server");
            }
            if (line.length() < 3) {
                throw new IOException("not an SMTP reply: " + line);
            }
            text.append(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
            }
            text.append('\n');
        }
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException alreadyClosed) {
            // The server may have closed first (after a 421, say); nothing to do.
        } finally {
            socket.close();
        }
    }
}
