package io.phishfence.monitor.mx;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What one SMTP session with one address of one MX host showed, from connect to the end of the TLS handshake.
 * A secured probe keeps the certificate chain the server presented, so that DANE is checked against exactly
 * what senders see, without a second connection.
 */
public sealed interface MxProbe {

    String host();

    InetAddress address();

    /** STARTTLS worked; {@code chain} is leaf first, as presented, whether or not anybody trusts it. */
    record Secured(String host, InetAddress address, String protocol, String cipherSuite,
            List<X509Certificate> chain) implements MxProbe {
        public Secured {
            chain = List.copyOf(chain);
        }
    }

    /** The server took EHLO but did not offer STARTTLS: mail to it travels in clear text. */
    record NoStartTls(String host, InetAddress address, SmtpReply ehlo) implements MxProbe {
    }

    /** The server refused at {@code stage} (banner, EHLO or STARTTLS) with {@code reply}. */
    record Refused(String host, InetAddress address, String stage, SmtpReply reply) implements MxProbe {
    }

    /** STARTTLS was accepted but no TLS session came of it. */
    record TlsFailed(String host, InetAddress address, String reason) implements MxProbe {
    }

    /** No TCP connection: refused, unreachable, or no answer within the time limit. */
    record Unreachable(String host, InetAddress address, String reason) implements MxProbe {
    }

    /** Connected, but the server did not speak SMTP as RFC 5321 says, or stopped answering. */
    record Garbled(String host, InetAddress address, String reason) implements MxProbe {
    }
}
