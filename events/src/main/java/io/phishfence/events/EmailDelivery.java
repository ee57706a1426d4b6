package io.phishfence.events;

/**
 * How a report arrived by e-mail (RFC 8460 5.3): what the message said about itself, and whether its DKIM
 * signature verified. Header values are as the sender wrote them: untrusted text.
 *
 * @param mailFrom the SMTP envelope sender (MAIL FROM), empty for a null sender
 * @param subject the Subject header (RFC 8460 5.3 suggests "Report Domain: ... Submitter: ... Report-ID: ...")
 * @param reportDomain the TLS-Report-Domain header, or null
 * @param submitter the TLS-Report-Submitter header, or null
 * @param dkim the DKIM verification of the message
 */
public record EmailDelivery(String mailFrom, String subject, String reportDomain, String submitter, Dkim dkim) {

    /**
     * A DKIM verdict (RFC 8601 words).
     *
     * @param result {@code pass}, {@code fail}, {@code none}, {@code temperror} or {@code permerror}
     * @param signingDomain the d= of the signature that passed (or of the first that failed), or null
     * @param detail why it failed, for people, or null
     */
    public record Dkim(String result, String signingDomain, String detail) {

        public static final String PASS = "pass";
        public static final String FAIL = "fail";
        public static final String NONE = "none";
        public static final String TEMPERROR = "temperror";
        public static final String PERMERROR = "permerror";

        public boolean passed() {
            return PASS.equals(result);
        }
    }
}
