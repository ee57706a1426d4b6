package io.phishfence.web.publiccheck;

import io.phishfence.web.domain.DomainNames;
import java.util.Set;

/**
 * Which names anyone may have us check: a domain name in the public DNS, not an address or a name that only
 * means something on a local network. The SSRF guard of the monitor still refuses private addresses that a
 * public name resolves to; refusing such names here answers the person clearly and costs no check.
 */
final class PublicDomainNames {

    /** A valid A-label, or the reason the input is not one, in words for the person who typed it. */
    record Verdict(String aLabel, String problem) {
        boolean ok() {
            return aLabel != null;
        }
    }

    /** Special-use and private-use names (RFC 6761, RFC 6762, RFC 7686, RFC 8375, RFC 9476, ICANN's .internal). */
    private static final Set<String> LOCAL_TLDS = Set.of("localhost", "local", "internal", "invalid", "onion", "alt",
            "arpa", "home", "lan", "corp", "localdomain", "intranet", "private");
    /** Reserved for testing and documentation (RFC 2606, RFC 6761): allowed only when tests say so. */
    private static final Set<String> TEST_TLDS = Set.of("test", "example");

    private PublicDomainNames() {
    }

    static Verdict judge(String input, boolean allowTestNames) {
        if (input == null || input.isBlank()) {
            return new Verdict(null, "Type a domain name, such as example.com.");
        }
        String trimmed = input.strip();
        if (trimmed.contains(":") || trimmed.startsWith("[")) {
            return new Verdict(null, "That is an IP address. Type the domain name that receives the mail.");
        }
        var aLabel = DomainNames.toALabel(trimmed);
        if (aLabel.isEmpty()) {
            return new Verdict(null, "That is not a domain name. Type one such as example.com, without http:// or a path.");
        }
        String name = aLabel.get();
        String tld = name.substring(name.lastIndexOf('.') + 1);
        if (tld.chars().allMatch(Character::isDigit)) {
            return new Verdict(null, "That is an IP address. Type the domain name that receives the mail.");
        }
        if (LOCAL_TLDS.contains(tld) || (TEST_TLDS.contains(tld) && !allowTestNames)) {
            return new Verdict(null, "." + tld + " names are not on the public internet, so there is nothing to check.");
        }
        return new Verdict(name, null);
    }
}
