package io.phishfence.monitor.mx;

import io.phishfence.monitor.mtasts.MxPatterns;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;

/** The DNS names a server certificate is valid for, and whether one of them is a given host (RFC 6125 6.4). */
public final class CertificateNames {

    private static final int DNS_NAME = 2;

    private CertificateNames() {
    }

    /** The subjectAltName DNS names; the subject CN only when there are none (RFC 6125 6.4.4). */
    public static List<String> of(X509Certificate certificate) {
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                var names = alternatives.stream().filter(entry -> Integer.valueOf(DNS_NAME).equals(entry.get(0)))
                        .map(entry -> String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT)).toList();
                if (!names.isEmpty()) {
                    return names;
                }
            }
        } catch (CertificateParsingException unreadable) {
            // Fall back to the CN, as for a certificate without the extension.
        }
        try {
            return new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                    .map(rdn -> String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT)).toList();
        } catch (InvalidNameException e) {
            return List.of();
        }
    }

    /**
     * Whether {@code certificate} is valid for {@code host}; a wildcard stands for exactly the left-most label,
     * the rule MTA-STS patterns follow too.
     */
    public static boolean matches(X509Certificate certificate, String host) {
        return of(certificate).stream().anyMatch(name -> MxPatterns.matches(name, host));
    }
}
