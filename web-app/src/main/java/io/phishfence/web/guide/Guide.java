package io.phishfence.web.guide;

import java.util.Arrays;
import java.util.Optional;

/** The protocol guides: each a page at /guides/{slug}, its template at templates/guides/{slug}.html. */
public enum Guide {
    TLS_RPT("tls-rpt", "TLS-RPT", "SMTP TLS Reporting: daily reports of failed encrypted deliveries", "RFC 8460"),
    MTA_STS("mta-sts", "MTA-STS", "Tell senders to insist on verified TLS to your MX hosts", "RFC 8461"),
    STARTTLS_DANE("starttls-dane", "STARTTLS and DANE", "Encryption between mail servers, and DNSSEC-pinned certificates",
            "RFC 3207, RFC 7672"),
    SPF("spf", "SPF", "Which servers may send mail with your domain in the envelope", "RFC 7208"),
    DMARC("dmarc", "DMARC", "What receivers do with mail that fails SPF and DKIM alignment", "RFC 7489"),
    DKIM("dkim", "DKIM", "Signatures that prove a message came from your domain unaltered", "RFC 6376"),
    BIMI("bimi", "BIMI", "Your logo next to your authenticated mail", "BIMI Internet-Draft");

    public final String slug;
    public final String title;
    public final String summary;
    public final String reference;

    Guide(String slug, String title, String summary, String reference) {
        this.slug = slug;
        this.title = title;
        this.summary = summary;
        this.reference = reference;
    }

    public static Optional<Guide> bySlug(String slug) {
        return Arrays.stream(values()).filter(g -> g.slug.equals(slug)).findFirst();
    }
}
