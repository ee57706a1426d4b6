package io.phishfence.web.domain;

import io.phishfence.web.WebConfig;

/**
 * A tenant's two reporting addresses (RFC 8460 3: rua) and the TLS-RPT record that names them.
 *
 * @param https the HTTPS endpoint of the ingest service for this tenant
 * @param mailto the e-mail address of this tenant
 */
public record RuaAddresses(String https, String mailto) {

    public static RuaAddresses of(String token, WebConfig config) {
        String base = config.ingestUrl().endsWith("/") ? config.ingestUrl() : config.ingestUrl() + "/";
        return new RuaAddresses(base + "tlsrpt/" + token, token + "@" + config.reportsDomain());
    }

    /**
     * The TXT record to publish at {@code _smtp._tls.<domain>}. RFC 8460 3 allows only https: URLs besides
     * mailto:, so a plain-http ingest address (the local stack's) is left out of the record.
     */
    public String tlsRptRecord() {
        return "v=TLSRPTv1; rua=mailto:" + mailto + (https.startsWith("https://") ? "," + https : "");
    }
}
