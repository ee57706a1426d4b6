package io.phishfence.monitor.dmarc;

import com.google.common.net.InternetDomainName;
import java.util.Optional;

/**
 * The organizational domain of RFC 7489 3.2: the public suffix of a name plus one label, from the Public Suffix
 * List that Guava ships and refreshes with each release. The whole list is used, its private section included,
 * because a private suffix ({@code github.io}) is exactly an ownership boundary: the DMARC record of
 * {@code github.io} must not govern {@code someone.github.io}.
 */
public final class OrganizationalDomain {

    private OrganizationalDomain() {
    }

    /** @return the organizational domain, or empty for a name that is a public suffix or under none */
    public static Optional<String> of(String domain) {
        try {
            InternetDomainName name = InternetDomainName.from(domain);
            return name.isUnderPublicSuffix() ? Optional.of(name.topPrivateDomain().toString()) : Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
