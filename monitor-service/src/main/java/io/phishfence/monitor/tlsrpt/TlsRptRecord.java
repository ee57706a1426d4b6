package io.phishfence.monitor.tlsrpt;

import java.net.URI;
import java.util.List;

/**
 * A TLS-RPT policy record (RFC 8460 3): {@code v=TLSRPTv1; rua=<uri>[,<uri>]} at {@code _smtp._tls.<domain>}.
 *
 * @param rua the reporting URIs, mailto: and https: only, in the order published
 */
public record TlsRptRecord(List<URI> rua) {

    public TlsRptRecord {
        rua = List.copyOf(rua);
    }
}
