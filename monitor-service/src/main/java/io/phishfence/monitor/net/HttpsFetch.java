package io.phishfence.monitor.net;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What one {@link HttpsFetcher#get} brought back: a body, or why there is none. */
public sealed interface HttpsFetch {

    /** A 200 response read to its end, within the size limit. */
    record Body(String contentType, byte[] bytes) implements HttpsFetch {

        /** The media type without parameters, lower case; empty when the response named none. */
        public String mediaType() {
            return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The host name could not be looked up (the next check tries again). */
    record HostDnsFailed(String reason) implements HttpsFetch {
    }

    /** The host name has no address. */
    record HostMissing() implements HttpsFetch {
    }

    /** Every address of the host is one the SSRF guard refuses. */
    record HostPrivate(InetAddress address) implements HttpsFetch {
    }

    /** The certificate is not valid for the host name, or not from a trusted authority. */
    record TlsInvalid(String reason) implements HttpsFetch {
    }

    /** A 3xx answer: not followed, as RFC 8461 3.3 (and BIMI after it) says. */
    record Redirect(int status, String location) implements HttpsFetch {
    }

    /** Any other status than 200. */
    record HttpStatus(int status) implements HttpsFetch {
    }

    /** The body passed the size limit; reading stopped there. */
    record TooLarge(int limit) implements HttpsFetch {
    }

    /** No answer in time, or the connection failed. */
    record Unreachable(String reason) implements HttpsFetch {
    }
}
