package io.phishfence.monitor.alert.rule;

import java.util.Locale;
import java.util.Map;

/** What to do about each RFC 8460 (section 4.3) result type, in words for the people who run the mail servers. */
final class FailureAdvice {

    private static final Map<String, String> BY_TYPE = Map.ofEntries(
            Map.entry("starttls-not-supported", "An MX host did not offer STARTTLS. Check that every MX host "
                    + "listed in DNS accepts STARTTLS on port 25, including backup MX hosts."),
            Map.entry("certificate-host-mismatch", "An MX host presented a certificate whose names do not include "
                    + "the MX host name. Install a certificate that covers every MX host name."),
            Map.entry("certificate-expired", "An MX host presented an expired certificate. Renew it and check that "
                    + "automatic renewal reloads the mail server."),
            Map.entry("certificate-not-trusted", "An MX host presented a certificate that senders do not trust: "
                    + "self-signed, or missing its intermediate certificates. Serve the full chain from a public CA."),
            Map.entry("validation-failure", "Senders could not validate the MX host's TLS. Check the certificate "
                    + "chain and the TLS versions the MX hosts offer."),
            Map.entry("tlsa-invalid", "The TLSA records do not match the MX host's certificate. Publish TLSA records "
                    + "for the current key before rolling certificates."),
            Map.entry("dnssec-invalid", "The DNSSEC signatures of the domain do not validate. Check the DS record at "
                    + "the registry and the signing of the zone."),
            Map.entry("dane-required", "A sender requires DANE for this domain and could not use it. Check the TLSA "
                    + "records and DNSSEC."),
            Map.entry("sts-policy-fetch-error", "Senders could not fetch the MTA-STS policy. Check that "
                    + "https://mta-sts.<domain>/.well-known/mta-sts.txt answers with a valid certificate."),
            Map.entry("sts-policy-invalid", "Senders found the MTA-STS policy invalid. Fix the policy file; the "
                    + "domain page shows what is wrong with it."),
            Map.entry("sts-webpki-invalid", "The MTA-STS policy host's certificate did not validate. Install a "
                    + "certificate from a public CA for mta-sts.<domain>."));

    private FailureAdvice() {
    }

    static String forType(String resultType, String domain) {
        String advice = BY_TYPE.get(resultType == null ? "" : resultType.toLowerCase(Locale.ROOT));
        if (advice == null) {
            return "Senders reported \"" + resultType + "\" failures. The reports on the domain page show which MX "
                    + "hosts and senders are affected.";
        }
        return advice.replace("<domain>", domain);
    }
}
